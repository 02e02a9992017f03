package io.edgecoder.inference.app;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.inference.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Configuration of the inference role: its model providers and their timeouts, and how often it
 * advertises its models. The node id and org are replaced by the certified ones when the node
 * runs bus authentication.
 *
 * @param settlement whether chat calls are paid through the ledger ({@code inference.settlement}, default true)
 * @param streamLoops event loops provider calls run on ({@code inference.stream.loops}, default the machine's cores;
 *                    0 = the role's own loop)
 * @param modelClasses model classes pinned by the operator ({@code inference.model.classes}): name → small|medium|large
 * @param defaultMaxTokens the cap sent to the provider for a call without {@code maxTokens}
 *     ({@code inference.default.max.tokens}, default 1024)
 * @param allowanceMilli the standing allowance asked per account ({@code inference.allowance.milli}, default 50000; 0 = none)
 */
public record InferenceConfig(
    String nodeId,
    String org,
    Duration busTimeout,
    List<ProviderConfig> providers,
    Duration requestTimeout,
    Duration idleTimeout,
    Duration connectTimeout,
    Duration heartbeat,
    Duration refresh,
    Duration planTimeout,
    boolean settlement,
    int streamLoops,
    Map<String, String> modelClasses,
    int defaultMaxTokens,
    long allowanceMilli) {

    /** Most event loops for provider calls. */
    public static final int MAX_STREAM_LOOPS = 64;

    public InferenceConfig {
        providers = List.copyOf(providers);
        modelClasses = Map.copyOf(modelClasses);
        if (streamLoops < 0 || streamLoops > MAX_STREAM_LOOPS) {
            throw new ConfigException("setting '" + ConfigKeys.INFERENCE_STREAM_LOOPS + "' must be within 0.." + MAX_STREAM_LOOPS
                + ", got " + streamLoops);
        }
        if (defaultMaxTokens < 1 || defaultMaxTokens > 1_048_576 || allowanceMilli < 0) {
            throw new IllegalArgumentException("default max tokens must be 1..1048576 and the allowance >= 0");
        }
    }

    /** Provider calls on one loop per core, no pinned model classes, calls capped at 1024 tokens, allowances of 50 credits. */
    public InferenceConfig(String nodeId, String org, Duration busTimeout, List<ProviderConfig> providers, Duration requestTimeout,
                           Duration idleTimeout, Duration connectTimeout, Duration heartbeat, Duration refresh, Duration planTimeout,
                           boolean settlement) {
        this(nodeId, org, busTimeout, providers, requestTimeout, idleTimeout, connectTimeout, heartbeat, refresh, planTimeout, settlement,
            defaultStreamLoops(), Map.of());
    }

    /** As configured before allowances and the explicit token cap: calls capped at 1024 tokens, allowances of 50 credits. */
    public InferenceConfig(String nodeId, String org, Duration busTimeout, List<ProviderConfig> providers, Duration requestTimeout,
                           Duration idleTimeout, Duration connectTimeout, Duration heartbeat, Duration refresh, Duration planTimeout,
                           boolean settlement, int streamLoops, Map<String, String> modelClasses) {
        this(nodeId, org, busTimeout, providers, requestTimeout, idleTimeout, connectTimeout, heartbeat, refresh, planTimeout, settlement,
            streamLoops, modelClasses, 1024, 50_000);
    }

    /** The default of {@code inference.stream.loops}: one per core. */
    public static int defaultStreamLoops() {
        return Math.max(1, Math.min(MAX_STREAM_LOOPS, Runtime.getRuntime().availableProcessors()));
    }

    /** Connections kept beside the chat calls for model listing and the like. */
    static final int SPARE_CONNECTIONS = 8;

    /**
     * HTTP connections per model server the providers' client may open: every chat call a provider
     * may run at once holds one for its whole stream (providers may share a server), plus spare ones
     * for model listing; at least 64. A smaller pool would hold calls the providers admitted waiting
     * for a connection until another stream ends.
     */
    public int providerConnections() {
        int calls = providers.stream().mapToInt(ProviderConfig::maxConcurrent).sum();
        return Math.max(64, calls + SPARE_CONNECTIONS);
    }

    /** A role whose calls are not settled (a deployment or test without a ledger). */
    public InferenceConfig(String nodeId, String org, Duration busTimeout, List<ProviderConfig> providers, Duration requestTimeout,
                           Duration idleTimeout, Duration connectTimeout, Duration heartbeat, Duration refresh, Duration planTimeout) {
        this(nodeId, org, busTimeout, providers, requestTimeout, idleTimeout, connectTimeout, heartbeat, refresh, planTimeout, false);
    }

    /** No providers: plans from the deterministic planner only. */
    public static InferenceConfig withoutProviders(Duration busTimeout) {
        return from(Settings.of(ConfigKeys.defaults()), "inference-" + UUID.randomUUID().toString().substring(0, 8), busTimeout);
    }

    public static InferenceConfig from(Settings s, NodeIdentity identity) {
        return from(s, identity.nodeId(), s.millis(ConfigKeys.BUS_TIMEOUT_MS, 100, 600_000));
    }

    private static InferenceConfig from(Settings s, String nodeId, Duration busTimeout) {
        return new InferenceConfig(nodeId, s.string(ConfigKeys.ORG), busTimeout, providers(s),
            s.millis(ConfigKeys.INFERENCE_REQUEST_TIMEOUT_MS, 1000, 3_600_000),
            s.millis(ConfigKeys.INFERENCE_IDLE_TIMEOUT_MS, 100, 3_600_000),
            s.millis(ConfigKeys.INFERENCE_CONNECT_TIMEOUT_MS, 100, 600_000),
            s.millis(ConfigKeys.INFERENCE_HEARTBEAT_MS, 50, 600_000),
            s.millis(ConfigKeys.INFERENCE_REFRESH_MS, 100, 3_600_000),
            s.millis(ConfigKeys.INFERENCE_PLAN_TIMEOUT_MS, 100, 85_000),
            !s.has(ConfigKeys.INFERENCE_SETTLEMENT) || s.bool(ConfigKeys.INFERENCE_SETTLEMENT),
            s.has(ConfigKeys.INFERENCE_STREAM_LOOPS) ? s.integer(ConfigKeys.INFERENCE_STREAM_LOOPS, 0, MAX_STREAM_LOOPS)
                : defaultStreamLoops(),
            modelClasses(s),
            s.has(ConfigKeys.INFERENCE_DEFAULT_MAX_TOKENS) ? s.integer(ConfigKeys.INFERENCE_DEFAULT_MAX_TOKENS, 1, 1_048_576) : 1024,
            s.has(ConfigKeys.INFERENCE_ALLOWANCE_MILLI) ? s.longValue(ConfigKeys.INFERENCE_ALLOWANCE_MILLI, 0, 1_000_000_000_000L) : 50_000);
    }

    /** Longest model name a pin may name (as {@code ChatRequest.model}). */
    private static final int MAX_MODEL_NAME = 256;

    /**
     * {@code inference.model.classes}: {@code NAME=small|medium|large} entries. A model name may hold
     * {@code :} and {@code .} ({@code qwen2.5-coder:7b}), so the class follows the last {@code =}.
     */
    static Map<String, String> modelClasses(Settings s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : s.has(ConfigKeys.INFERENCE_MODEL_CLASSES) ? s.list(ConfigKeys.INFERENCE_MODEL_CLASSES) : List.<String>of()) {
            int eq = entry.lastIndexOf('=');
            String name = eq <= 0 ? "" : entry.substring(0, eq).trim();
            String modelClass = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (name.isEmpty() || name.length() > MAX_MODEL_NAME || !MODEL_CLASSES.contains(modelClass)) {
                throw new ConfigException("setting '" + ConfigKeys.INFERENCE_MODEL_CLASSES + "': expected NAME=small|medium|large,"
                    + " got '" + entry + "'");
            }
            if (out.put(name, modelClass) != null) {
                throw new ConfigException("setting '" + ConfigKeys.INFERENCE_MODEL_CLASSES + "': model '" + name + "' is pinned twice");
            }
        }
        return out;
    }

    private static final Set<String> MODEL_CLASSES = Set.of("small", "medium", "large");

    /** {@code inference.providers}: {@code [remote:]NAME=URL} entries, plus each one's own keys. */
    static List<ProviderConfig> providers(Settings s) {
        int defaultMax = s.integer(ConfigKeys.INFERENCE_MAX_CONCURRENT, 1, 1024);
        List<ProviderConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : s.list(ConfigKeys.INFERENCE_PROVIDERS)) {
            ProviderConfig p = provider(s, entry, defaultMax);
            if (!names.add(p.name())) {
                throw new ConfigException("setting '" + ConfigKeys.INFERENCE_PROVIDERS + "': provider '" + p.name() + "' is named twice");
            }
            out.add(p);
        }
        return out;
    }

    private static ProviderConfig provider(Settings s, String entry, int defaultMax) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new ConfigException("setting '" + ConfigKeys.INFERENCE_PROVIDERS + "': expected [remote:]NAME=URL, got '" + entry + "'");
        }
        String name = entry.substring(0, eq).trim();
        boolean remote = name.startsWith("remote:");
        name = remote ? name.substring("remote:".length()) : name;
        String prefix = "inference.provider." + name + ".";
        try {
            URI url = URI.create(entry.substring(eq + 1).trim());
            ProviderConfig.Kind kind = s.has(prefix + "kind") ? ProviderConfig.Kind.parse(s.string(prefix + "kind")) : ProviderConfig.Kind.of(url);
            boolean remoteKey = s.has(prefix + "remote") && s.bool(prefix + "remote");
            int max = s.has(prefix + "max.concurrent") ? s.integer(prefix + "max.concurrent", 1, 1024) : defaultMax;
            return new ProviderConfig(name, kind, url, remote || remoteKey, s.string(prefix + "api.key", null), max);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting '" + ConfigKeys.INFERENCE_PROVIDERS + "': " + e.getMessage());
        }
    }
}
