package io.edgecoder.app.ctl;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code edgecoder ctl}: the operator's commands, sent as bus requests through a node's operator
 * bridge (docs/cli.md). The options here are shared by every subcommand. Exit status: 0 ok,
 * 1 other failure, 2 usage, 3 node unreachable, 4 authentication refused, 5 not found.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true, sortOptions = false, version = "EdgeCoder ctl 0.1.0",
    description = "Operate an EdgeCoder deployment through a node's operator bridge (default 127.0.0.1:4312).",
    subcommands = {StatusCommand.class, NodesCommand.class, ModeCommand.class, BlacklistCommand.class, RolloutCommand.class,
        JobsCommand.class, LedgerCtlCommand.class, AuditCommand.class, WatchCommand.class},
    footerHeading = "%nExit status:%n",
    footer = {"  0 ok, 1 other failure, 2 usage, 3 node (or the role serving the command) unreachable,",
        "  4 operator token or certificate refused, 5 not found (unknown node, job, ...).",
        "The token is read from EDGECODER_TOKEN, --token-file, or <data-dir>/admin.token; prefer these to --token."})
public final class Ctl implements Runnable {
    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
        description = "Data directory of the node (admin.token, operator.endpoint, tls/ca.crt); default ~/.edgecoder.")
    Path dataDir;

    @Option(names = "--node", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
        description = "Operator bridge to talk to (default: from the data directory, else 127.0.0.1:4312; env EDGECODER_NODE).")
    String node;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
        description = "Operator token (visible in shell history: prefer EDGECODER_TOKEN or --token-file).")
    String token;

    @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "Read the operator token from FILE.")
    Path tokenFile;

    @Option(names = "--ca-cert", scope = ScopeType.INHERIT, paramLabel = "FILE",
        description = "Deployment CA certificate to trust for a node beyond loopback (default <data-dir>/tls/ca.crt).")
    Path caCert;

    @Option(names = "--cert-auth", scope = ScopeType.INHERIT,
        description = "Over TLS, authenticate with the certificate of the node in --data-dir (a core node with the portal or"
            + " control role) instead of a token.")
    boolean certAuth;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "30",
        description = "Give up on a node that does not answer within this many seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final Map<String, String> env;

    public Ctl(Map<String, String> env) {
        this.env = env;
    }

    /** Runs {@code ctl} with {@code args}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new Ctl(env));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CtlException failure) {
                line.getErr().println("edgecoder ctl: " + failure.getMessage());
                return failure.exitCode();
            }
            throw e;
        });
        int status = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return status;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "ctl needs a command (see: edgecoder ctl --help)");
    }

    Map<String, String> env() {
        return env;
    }

    Path dataDir(Map<String, String> environment) {
        if (dataDir != null) {
            return dataDir.toAbsolutePath();
        }
        String fromEnv = environment.get("EDGECODER_DATA_DIR");
        return Path.of(fromEnv != null ? fromEnv : System.getProperty("user.home") + "/.edgecoder").toAbsolutePath();
    }

    Duration timeout() {
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new CtlException(CtlException.USAGE, "--timeout must be 1..3600 seconds");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }
}
