package io.edgecoder.app;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Entry point of {@code edgecoder.jar}: parses the command line and runs the command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        if (argv.length > 0 && argv[0].equals("ctl")) {
            return io.edgecoder.app.ctl.Ctl.run(java.util.Arrays.copyOfRange(argv, 1, argv.length), System.out, System.err,
                System.getenv());
        }
        try {
            CommandLine cli = CommandLine.parse(argv);
            return switch (cli.command()) {
                case "help", "--help", "-h" -> help();
                case "up" -> up(cli);
                case "doctor" -> Doctor.run(settings(cli));
                case "ledger" -> LedgerCommand.run(cli, System.out, System.err);
                case "control" -> ControlCommand.run(cli, System.out, System.err);
                case "ca" -> CaCommand.run(cli, System.out, System.err);
                case "submit" -> SubmitCommand.run(cli, System.getenv(), System.out, System.err);
                default -> throw new CommandLine.UsageException("unknown command '" + cli.command() + "'");
            };
        } catch (CommandLine.UsageException e) {
            System.err.println("edgecoder: " + e.getMessage());
            System.err.println("Run 'edgecoder --help' for usage.");
            return 2;
        } catch (ConfigException e) {
            System.err.println("edgecoder: configuration error: " + e.getMessage());
            return 2;
        }
    }

    private static int help() {
        System.out.print(Help.text());
        return 0;
    }

    static Settings settings(CommandLine cli) {
        Settings base = Settings.of(ConfigKeys.defaults()).with(cli.overrides());
        Path dataDir = Path.of(base.string(ConfigKeys.DATA_DIR));
        Path file = cli.configFile() != null ? Path.of(cli.configFile()) : dataDir.resolve("edgecoder.properties");
        if (cli.configFile() != null && !file.toFile().isFile()) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        return Settings.load(ConfigKeys.defaults(), file, System.getenv(), System.getProperties()).with(cli.overrides());
    }

    private static int up(CommandLine cli) {
        if (!cli.args().isEmpty()) {
            throw new CommandLine.UsageException("unexpected argument '" + cli.args().get(0) + "' for 'up'");
        }
        Settings settings = settings(cli);
        Node node = new Node(settings);
        NodeLogs logs;
        try {
            node.check();
            logs = NodeLogs.install(settings, node.dataDirectory().resolve("logs"));
        } catch (java.io.IOException e) {
            System.err.println("edgecoder: could not start: " + e.getMessage());
            return 1;
        }
        LoggerFactory.getLogger(Main.class).info("logging to {}", logs.file());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "edgecoder-shutdown"));
        try {
            node.start();
        } catch (ConfigException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("edgecoder: could not start: " + io.edgecoder.core.db.DbUrls.redact(e.getMessage()));
            return 1;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
