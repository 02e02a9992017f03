package io.edgecoder.app;

import io.edgecoder.core.config.ConfigKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line: a command ({@code up}, {@code doctor}, {@code help}, ...), the
 * settings its options override, and leftover arguments.
 */
record CommandLine(String command, Map<String, String> overrides, String configFile, List<String> args) {

    /** Options of {@code up}, mapped to configuration keys. */
    static final Map<String, String> OPTION_KEYS = Map.ofEntries(
        Map.entry("--roles", ConfigKeys.ROLES),
        Map.entry("--data-dir", ConfigKeys.DATA_DIR),
        Map.entry("--db-url", ConfigKeys.DB_URL),
        Map.entry("--cluster-host", ConfigKeys.CLUSTER_HOST),
        Map.entry("--cluster-port", ConfigKeys.CLUSTER_PORT),
        Map.entry("--cluster-config", ConfigKeys.CLUSTER_CONFIG),
        Map.entry("--join", ConfigKeys.CLUSTER_JOIN),
        Map.entry("--http-port", ConfigKeys.HTTP_PORT),
        Map.entry("--http-host", ConfigKeys.HTTP_HOST),
        Map.entry("--org", ConfigKeys.ORG),
        Map.entry("--ca", ConfigKeys.TRUST_CA_DIR),
        Map.entry("--enroll", ConfigKeys.ENROLL_TOKEN),
        Map.entry("--bridge", ConfigKeys.EDGE_BRIDGE),
        Map.entry("--bridge-port", ConfigKeys.BRIDGE_PORT),
        Map.entry("--ring", ConfigKeys.TRUST_RING),
        Map.entry("--operator-port", ConfigKeys.OPERATOR_PORT),
        Map.entry("--operator-host", ConfigKeys.OPERATOR_HOST),
        Map.entry("--ide-port", ConfigKeys.IDE_PORT),
        Map.entry("--ide-host", ConfigKeys.IDE_HOST),
        Map.entry("--ide-instances", ConfigKeys.IDE_INSTANCES),
        Map.entry("--inference-loops", ConfigKeys.INFERENCE_STREAM_LOOPS),
        Map.entry("--log-level", ConfigKeys.LOG_LEVEL),
        Map.entry("--provider", ConfigKeys.INFERENCE_PROVIDERS));

    /** Options that may be given more than once: their values are joined with commas. */
    static final Set<String> REPEATABLE = Set.of("--provider");

    /** Options a command reads itself ({@code ledger}, {@code submit}); kept with their value in {@link #args}. */
    static final Set<String> COMMAND_OPTIONS = Set.of("--file", "--out", "--trust", "--url", "--key");

    /** Flags (no value) a command reads itself; kept in {@link #args}. */
    static final Set<String> COMMAND_FLAGS = Set.of("--trust-any-signer");

    static CommandLine parse(String[] argv) {
        if (argv.length == 0) {
            return new CommandLine("help", Map.of(), null, List.of());
        }
        String command = argv[0];
        if (command.equals("-h") || command.equals("--help")) {
            return new CommandLine("help", Map.of(), null, List.of());
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        String configFile = null;
        for (int i = 1; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return new CommandLine("help", Map.of(), null, List.of(command));
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (COMMAND_FLAGS.contains(arg)) {
                rest.add(arg);
            } else if (name.equals("--config") || OPTION_KEYS.containsKey(name) || COMMAND_OPTIONS.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException("option " + name + " needs a value");
                    }
                    value = argv[++i];
                }
                if (name.equals("--config")) {
                    configFile = value;
                } else if (COMMAND_OPTIONS.contains(name)) {
                    rest.addAll(List.of(name, value));
                } else if (REPEATABLE.contains(name) && overrides.containsKey(OPTION_KEYS.get(name))) {
                    overrides.put(OPTION_KEYS.get(name), overrides.get(OPTION_KEYS.get(name)) + "," + value);
                } else {
                    overrides.put(OPTION_KEYS.get(name), value);
                }
            } else if (arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg + " (see: edgecoder " + command + " --help)");
            } else {
                rest.add(arg);
            }
        }
        return new CommandLine(command, overrides, configFile, rest);
    }

    /** A usage error: printed with a hint, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
