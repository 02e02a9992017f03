package io.edgecoder.app;

import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerTool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code edgecoder ledger verify|export}: decides which ledger to read (an export file, the
 * database of {@code --db-url}, or the embedded database under the data directory) and runs
 * {@link LedgerTool} on it. Checkpoint signers trusted: the node's own key (the data
 * directory's {@code identity/node.pub}), the keys of {@code ledger.checkpoint.trusted.keys}
 * and those given with {@code --trust}; {@code --trust-any-signer} accepts any. Exit status:
 * 0 verified (every entry covered by a trusted checkpoint) or exported, 1 verification failed
 * (the tool prints the first bad sequence number), 2 usage or I/O error, 3 verified but entries
 * after the last checkpoint are covered by no signed checkpoint (the tool prints how many).
 */
final class LedgerCommand {
    private static final Set<String> DATABASE_KEYS = Set.of(ConfigKeys.DB_URL, ConfigKeys.DATA_DIR);

    private LedgerCommand() {
    }

    static int run(CommandLine cli, PrintStream out, PrintStream err) {
        Request request = Request.parse(cli);
        Settings settings = Main.settings(cli);
        Path dataDir = Path.of(settings.string(ConfigKeys.DATA_DIR)).toAbsolutePath();
        Set<String> trust = new LinkedHashSet<>(settings.list(LedgerConfig.CHECKPOINT_TRUSTED_KEYS));
        ownKey(dataDir).ifPresent(trust::add);
        trust.addAll(request.trust);
        if (request.file != null) {
            if (!Files.isRegularFile(Path.of(request.file))) {
                err.println("edgecoder: no such file: " + request.file);
                return 2;
            }
            return LedgerTool.run(toolArgs(List.of("verify", "--file", request.file), trust, request.anySigner), out, err);
        }
        Function<String, Integer> onDatabase = url -> LedgerTool.run(request.export
            ? List.of("export", "--db-url", url, "--file", request.out)
            : toolArgs(List.of("verify", "--db-url", url), trust, request.anySigner), out, err);
        if (settings.has(ConfigKeys.DB_URL)) {
            return onDatabase.apply(settings.string(ConfigKeys.DB_URL));
        }
        try (NodeDatabase db = NodeDatabase.open(dataDir, err)) {
            return onDatabase.apply(db.url());
        } catch (IllegalStateException e) {
            err.println("edgecoder: " + e.getMessage());
            return 2;
        }
    }

    private static List<String> toolArgs(List<String> base, Set<String> trust, boolean anySigner) {
        List<String> args = new ArrayList<>(base);
        trust.forEach(key -> args.addAll(List.of("--trust", key)));
        if (anySigner) {
            args.add(LedgerTool.ANY_SIGNER_FLAG);
        }
        return args;
    }

    /** The checkpoint key of the node whose data directory this is, when it has one. */
    private static Optional<String> ownKey(Path dataDir) {
        Path pub = dataDir.resolve("identity").resolve("node.pub");
        try {
            return Files.isRegularFile(pub) ? Optional.of(Files.readString(pub).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The subcommand and its options, checked against each other. */
    private static final class Request {
        boolean export;
        String file;
        String out;
        boolean anySigner;
        final List<String> trust = new ArrayList<>();

        static Request parse(CommandLine cli) {
            List<String> args = cli.args();
            if (args.isEmpty() || !List.of("verify", "export").contains(args.get(0))) {
                throw usage(args.isEmpty() ? "ledger needs a subcommand: verify or export"
                    : "unknown ledger subcommand '" + args.get(0) + "' (verify or export)");
            }
            Request r = new Request();
            r.export = args.get(0).equals("export");
            for (int i = 1; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals(LedgerTool.ANY_SIGNER_FLAG)) {
                    r.anySigner = true;
                    continue;
                }
                if (!CommandLine.COMMAND_OPTIONS.contains(arg) || i + 1 >= args.size()) {
                    throw usage("unexpected argument '" + arg + "' for 'ledger " + args.get(0) + "'");
                }
                r.option(arg, args.get(++i));
            }
            r.check(cli.overrides());
            return r;
        }

        private void option(String name, String value) {
            switch (name) {
                case "--file" -> file = once(file, value, "--file");
                case "--out" -> out = once(out, value, "--out");
                default -> trust.add(value);
            }
        }

        private void check(Map<String, String> overrides) {
            overrides.keySet().stream().filter(key -> !DATABASE_KEYS.contains(key)).findFirst().ifPresent(key -> {
                throw usage("option " + optionOf(key) + " does not apply to 'ledger'");
            });
            if (export && (file != null || out == null)) {
                throw usage("ledger export needs --out FILE (--file is what 'ledger verify' reads)");
            }
            if (!export && out != null) {
                throw usage("--out belongs to 'ledger export'; 'ledger verify' reads --file FILE");
            }
            if (file != null && overrides.containsKey(ConfigKeys.DB_URL)) {
                throw usage("ledger verify --file checks an export offline; it takes no --db-url"
                    + " (--data-dir only names the node whose key to trust)");
            }
            if (export && (!trust.isEmpty() || anySigner)) {
                throw usage("--trust and --trust-any-signer belong to 'ledger verify'");
            }
        }

        private static String once(String previous, String value, String name) {
            if (previous != null) {
                throw usage(name + " given more than once");
            }
            return value;
        }

        private static String optionOf(String key) {
            return CommandLine.OPTION_KEYS.entrySet().stream().filter(e -> e.getValue().equals(key))
                .map(Map.Entry::getKey).findFirst().orElse(key);
        }

        private static CommandLine.UsageException usage(String message) {
            return new CommandLine.UsageException(message);
        }
    }
}
