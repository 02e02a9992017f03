package io.edgecoder.app;

import io.edgecoder.control.app.AuditTool;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code edgecoder control audit verify [--db-url URL | --data-dir DIR]}: checks the control
 * plane's hash-chained audit in the node's database (the embedded one under the data directory,
 * running or not, or {@code --db-url}). Exit status: 0 verified, 1 the chain is broken (the first
 * entry where it breaks is printed), 2 usage or I/O error.
 */
final class ControlCommand {
    private static final Set<String> DATABASE_KEYS = Set.of(ConfigKeys.DB_URL, ConfigKeys.DATA_DIR);

    private ControlCommand() {
    }

    static int run(CommandLine cli, PrintStream out, PrintStream err) {
        if (!cli.args().equals(List.of("audit", "verify"))) {
            throw new CommandLine.UsageException(cli.args().isEmpty() ? "control needs a subcommand: audit verify"
                : "unknown control subcommand '" + String.join(" ", cli.args()) + "' (audit verify)");
        }
        cli.overrides().keySet().stream().filter(key -> !DATABASE_KEYS.contains(key)).findFirst().ifPresent(key -> {
            throw new CommandLine.UsageException("option for '" + key + "' does not apply to 'control audit verify'");
        });
        Settings settings = Main.settings(cli);
        if (settings.has(ConfigKeys.DB_URL)) {
            return AuditTool.verify(settings.string(ConfigKeys.DB_URL), out, err);
        }
        Path dataDir = Path.of(settings.string(ConfigKeys.DATA_DIR)).toAbsolutePath();
        try (NodeDatabase db = NodeDatabase.open(dataDir, err)) {
            return AuditTool.verify(db.url(), out, err);
        } catch (IllegalStateException e) {
            err.println("edgecoder: " + e.getMessage());
            return AuditTool.ERROR;
        }
    }
}
