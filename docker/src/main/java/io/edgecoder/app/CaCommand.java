package io.edgecoder.app;

import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.trust.CaDirectory;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Pem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code edgecoder ca show|rotate|activate|trust FILE}: the deployment CA of this node's data
 * directory (or {@code --ca DIR}). Rotation is two steps (see docs/trust.md): {@code rotate} makes
 * the next CA, trusted and handed out but not issuing; {@code activate} makes it issue, keeping the old
 * one trusted until it expires. {@code trust FILE} adds a CA certificate to an enrolled node's trust.
 * Exit status: 0 done, 1 nothing to show or do, 2 usage or I/O error.
 */
final class CaCommand {
    private static final Set<String> KEYS = Set.of(ConfigKeys.DATA_DIR, ConfigKeys.TRUST_CA_DIR);

    private CaCommand() {
    }

    static int run(CommandLine cli, PrintStream out, PrintStream err) {
        List<String> args = cli.args();
        cli.overrides().keySet().stream().filter(key -> !KEYS.contains(key)).findFirst().ifPresent(key -> {
            throw new CommandLine.UsageException("only --data-dir and --ca apply to 'ca'");
        });
        Settings settings = Main.settings(cli);
        Path dataDir = Path.of(settings.string(ConfigKeys.DATA_DIR)).toAbsolutePath();
        Path dir = settings.has(ConfigKeys.TRUST_CA_DIR) ? Path.of(settings.string(ConfigKeys.TRUST_CA_DIR)).toAbsolutePath()
            : dataDir.resolve("ca");
        String sub = args.isEmpty() ? "" : args.get(0);
        if (!sub.equals("trust") && args.size() != 1 || sub.equals("trust") && args.size() != 2) {
            throw new CommandLine.UsageException("usage: edgecoder ca show | rotate | activate | trust FILE");
        }
        try {
            return switch (sub) {
                case "show" -> show(dir, out, err);
                case "rotate" -> rotate(dir, settings, out, err);
                case "activate" -> activate(dir, out, err);
                case "trust" -> trust(Path.of(args.get(1)), dataDir.resolve("tls"), out, err);
                default -> throw new CommandLine.UsageException("unknown ca subcommand '" + sub + "' (show, rotate, activate, trust)");
            };
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            err.println("edgecoder: " + e.getMessage());
            return 2;
        }
    }

    private static int show(Path dir, PrintStream out, PrintStream err) {
        if (!DeploymentCa.exists(dir)) {
            err.println("edgecoder: no deployment CA in " + dir + " (the first 'edgecoder up' of a deployment creates it)");
            return 1;
        }
        print(out, "issuing CA", dir.resolve(DeploymentCa.CERT_FILE));
        if (CaDirectory.prepared(dir)) {
            print(out, "next CA (trusted, not issuing yet)", dir.resolve(CaDirectory.NEXT).resolve(DeploymentCa.CERT_FILE));
        }
        List<X509Certificate> trusted = CaDirectory.trusted(dir, Clock.systemUTC());
        out.println("trusted CAs handed to nodes: " + trusted.size());
        return 0;
    }

    private static void print(PrintStream out, String what, Path file) {
        try {
            X509Certificate ca = Pem.certificates(Files.readString(file)).get(0);
            out.println(what + ":");
            out.println("  fingerprint  " + NodeCertificate.fingerprint(ca) + " (SHA-256)");
            out.println("  subject      " + ca.getSubjectX500Principal().getName());
            out.println("  valid        " + ca.getNotBefore().toInstant() + " .. " + ca.getNotAfter().toInstant());
            out.println("  file         " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int rotate(Path dir, Settings settings, PrintStream out, PrintStream err) {
        if (!DeploymentCa.exists(dir)) {
            err.println("edgecoder: no deployment CA in " + dir + " to rotate");
            return 1;
        }
        boolean existed = CaDirectory.prepared(dir);
        DeploymentCa next = CaDirectory.prepare(dir, "EdgeCoder " + settings.string(ConfigKeys.CLUSTER_NAME) + " CA");
        out.println((existed ? "a next CA was already prepared: " : "prepared the next CA: ") + next.fingerprint());
        out.println("""
            Next steps (docs/trust.md, "Rotating the CA"):
              1. restart this node: it trusts both CAs and still issues from the current one;
              2. on every other node: edgecoder ca trust <this ca/next/ca.crt>, then restart it;
              3. edgecoder ca activate here, and restart this node: new certificates come from the new CA,
                 the old CA stays trusted until it expires.""");
        return 0;
    }

    private static int activate(Path dir, PrintStream out, PrintStream err) {
        if (!CaDirectory.prepared(dir)) {
            err.println("edgecoder: no next CA in " + dir + "; run 'edgecoder ca rotate' first");
            return 1;
        }
        Path retired = CaDirectory.activate(dir, Clock.systemUTC());
        out.println("the next CA issues from now on (after this node restarts); the previous one is kept trusted in " + retired);
        return 0;
    }

    private static int trust(Path file, Path tlsDir, PrintStream out, PrintStream err) throws IOException {
        Path bundle = tlsDir.resolve(NodeCredentials.CA_CERTS);
        if (!Files.isRegularFile(bundle)) {
            err.println("edgecoder: this node has no credentials in " + tlsDir + " yet");
            return 1;
        }
        List<X509Certificate> known = Pem.certificates(Files.readString(bundle));
        for (X509Certificate ca : Pem.certificates(Files.readString(file))) {
            if (ca.getBasicConstraints() < 0) {
                err.println("edgecoder: " + file + " holds a certificate that is not a CA");
                return 2;
            }
            if (!known.contains(ca)) {
                Files.writeString(bundle, Pem.certificate(ca), StandardOpenOption.APPEND);
            }
            out.println("trusting CA " + NodeCertificate.fingerprint(ca) + " (compare with 'edgecoder ca show' on the CA node);"
                + " restart this node to use it");
        }
        return 0;
    }
}
