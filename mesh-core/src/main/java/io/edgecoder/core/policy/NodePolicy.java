package io.edgecoder.core.policy;

import io.edgecoder.core.message.BlacklistView;
import io.edgecoder.core.message.PolicySnapshot;
import io.edgecoder.core.message.RolloutView;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The control plane's policy as this node applied it: network modes, the blacklist and the
 * rollouts that select this node. One per Vert.x instance ({@link #of}); roles read it at the
 * moment they decide (intake, placement, a result, a frame), so a change acts on the next
 * message. Before any snapshot arrives it is open: the default mode, nothing barred, nothing rolled out.
 * Rules that refuse name themselves ({@code rule mode.local-only}, {@code rule blacklist.node}, ...).
 */
public final class NodePolicy {
    private static final Map<Vertx, NodePolicy> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

    /** The settings and rollouts this node applied from one snapshot. */
    public record Applied(List<String> rollouts, Map<String, String> settings, String agentVersion) {
        static final Applied NONE = new Applied(List.of(), Map.of(), null);
    }

    private final String nodeId;
    private final List<String> roles;
    private final Clock clock;
    private final HealthWindow health = new HealthWindow();
    private final List<Consumer<PolicySnapshot>> listeners = new CopyOnWriteArrayList<>();
    /** A snapshot and what this node took from it, replaced together so no reader sees one without the other. */
    public record State(PolicySnapshot snapshot, Applied applied) {
    }

    private volatile State state = new State(new PolicySnapshot(0, null, NetworkMode.DEFAULT.id(), Map.of(), List.of(), List.of()),
        Applied.NONE);

    /** The policy of node {@code nodeId} with role ids {@code roles} (they decide which rollouts select it). */
    public NodePolicy(String nodeId, List<String> roles, Clock clock) {
        this.nodeId = nodeId;
        this.roles = List.copyOf(roles);
        this.clock = clock;
    }

    /** The policy of a node with every role. */
    public NodePolicy(String nodeId, Clock clock) {
        this(nodeId, java.util.Arrays.stream(io.edgecoder.core.Role.values()).map(io.edgecoder.core.Role::id).toList(), clock);
    }

    /** Makes {@code policy} the one of {@code vertx}. */
    public static NodePolicy install(Vertx vertx, NodePolicy policy) {
        INSTALLED.put(vertx, policy);
        return policy;
    }

    /** The policy of {@code vertx}, or an open one (version 0) when none was installed. */
    public static NodePolicy of(Vertx vertx) {
        NodePolicy p = INSTALLED.get(vertx);
        return p != null ? p : INSTALLED.computeIfAbsent(vertx, v -> new NodePolicy("local", Clock.systemUTC()));
    }

    public String nodeId() {
        return nodeId;
    }

    public long version() {
        return state.snapshot().version();
    }

    public PolicySnapshot snapshot() {
        return state.snapshot();
    }

    public Applied applied() {
        return state.applied();
    }

    /** The snapshot and what was applied from it, read together (an acknowledgement must not mix two versions). */
    public State state() {
        return state;
    }

    public HealthWindow health() {
        return health;
    }

    /** Called (on the applier's thread) after each applied snapshot; listeners hop to their own context. */
    public void onChange(Consumer<PolicySnapshot> listener) {
        listeners.add(listener);
    }

    /** Applies {@code next} if it is newer; returns whether it was. */
    public synchronized boolean apply(PolicySnapshot next) {
        if (next.version() <= state.snapshot().version()) {
            return false;
        }
        state = new State(next, select(next));
        listeners.forEach(l -> l.accept(next));
        return true;
    }

    private Applied select(PolicySnapshot s) {
        List<String> names = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        String agent = null;
        for (RolloutView r : s.rollouts()) {
            if (r.selects(nodeId, roles)) {
                names.add(r.name());
                settings.putAll(r.settings());
                agent = r.agentVersion() != null ? r.agentVersion() : agent;
            }
        }
        return new Applied(List.copyOf(names), Map.copyOf(settings), agent);
    }

    /** The mode that applies to {@code org}'s work: the stricter of its own and the deployment's. */
    public NetworkMode mode(String org) {
        PolicySnapshot s = state.snapshot();
        NetworkMode deployment = NetworkMode.parse(s.deploymentMode());
        String own = org == null ? null : s.orgModes().get(org);
        return own == null ? deployment : deployment.stricter(NetworkMode.parse(own));
    }

    /**
     * The first active entry barring any of the given subjects (each may be null): a node id, its
     * public key (base64), an account, an organisation.
     */
    public Optional<BlacklistView> barred(String nodeId, String publicKey, String account, String org) {
        Instant now = clock.instant();
        return state.snapshot().blacklist().stream().filter(e -> e.activeAt(now)).filter(e -> switch (e.kind()) {
            case "node" -> e.value().equals(nodeId);
            case "node-key" -> e.value().equals(publicKey);
            case "account" -> e.value().equals(account);
            case "org" -> e.value().equals(org);
            default -> false;
        }).findFirst();
    }

    /** A safe sentence naming the rule an entry is, for refusals. */
    public static String describe(BlacklistView e) {
        return "rule blacklist." + e.kind() + " (entry " + e.id() + ", by " + e.author() + "): " + e.reason();
    }
}
