package io.edgecoder.core.policy;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.PolicyAck;
import io.edgecoder.core.message.PolicyGetRequest;
import io.edgecoder.core.message.PolicySnapshot;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link NodePolicy} in step with the control role, on every node: applies each
 * {@code PolicySnapshot} published on {@link ControlAddresses#POLICY_EVENTS} as it arrives,
 * acknowledges each applied version (and, every {@code ackEvery}, its health) on
 * {@link ControlAddresses#POLICY_ACKS}, and pulls the current snapshot at install, so a node
 * that was away is whole before its roles take work, and again every {@code pullEvery} in case
 * a publish was lost.
 */
public final class PolicyApplier {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyApplier.class);
    private static final int PULL_ATTEMPTS = 3;
    /** How often a node pulls the policy even without events (a lost publish is repaired within this). */
    public static final Duration PULL_EVERY = Duration.ofSeconds(30);

    /** Who this node is, as written into its acknowledgements. */
    public record Self(String nodeId, String org, Set<Role> roles, String agentVersion) {
    }

    private final Vertx vertx;
    private final BusClient bus;
    private final NodePolicy policy;
    private final Self self;
    private final Clock clock;
    private long ackTimer = -1;
    private long pullTimer = -1;

    private PolicyApplier(Vertx vertx, BusClient bus, NodePolicy policy, Self self, Clock clock) {
        this.vertx = vertx;
        this.bus = bus;
        this.policy = policy;
        this.self = self;
        this.clock = clock;
    }

    /**
     * Installs the node's policy on {@code vertx}, subscribes, and pulls once; completes when the pull
     * is done or, with no control node answering, failed (then the node runs on the open default
     * and keeps pulling every {@code pullEvery}).
     */
    public static Future<PolicyApplier> install(Vertx vertx, BusClient bus, Self self, Duration ackEvery, Duration pullEvery) {
        NodePolicy policy = NodePolicy.install(vertx, new NodePolicy(self.nodeId(),
            self.roles().stream().sorted().map(Role::id).toList(), Clock.systemUTC()));
        PolicyApplier applier = new PolicyApplier(vertx, bus, policy, self, Clock.systemUTC());
        return bus.consumer(ControlAddresses.POLICY_EVENTS, PolicySnapshot.class, applier::onEvent)
            .compose(c -> applier.pull(PULL_ATTEMPTS).otherwise(e -> {
                LOG.warn("no control node answered the policy pull ({}); running on the default policy until one does",
                    e.getMessage());
                return false;
            }))
            .map(v -> {
                applier.ackTimer = vertx.setPeriodic(ackEvery.toMillis(), id -> applier.ack());
                applier.pullTimer = vertx.setPeriodic(pullEvery.toMillis(), id -> applier.pull(1));
                return applier;
            });
    }

    public NodePolicy policy() {
        return policy;
    }

    public void stop() {
        vertx.cancelTimer(ackTimer);
        vertx.cancelTimer(pullTimer);
    }

    private Future<Void> onEvent(PolicySnapshot snapshot) {
        apply(snapshot);
        return Future.succeededFuture();
    }

    /** Pulls the current snapshot; true when it was newer than what the node had. */
    public Future<Boolean> pull(int attempts) {
        return bus.requestIdempotent(ControlAddresses.POLICY_GET, new PolicyGetRequest(policy.version()), PolicySnapshot.class,
                attempts)
            .map(this::apply);
    }

    private boolean apply(PolicySnapshot snapshot) {
        if (snapshot == null || !policy.apply(snapshot)) {
            return false;
        }
        LOG.debug("applied policy version {}", snapshot.version());
        ack();
        return true;
    }

    /** Publishes this node's acknowledgement of the version it holds, with its health since the last one. */
    public void ack() {
        NodePolicy.State held = policy.state();
        PolicySnapshot s = held.snapshot();
        NodePolicy.Applied a = held.applied();
        bus.publish(ControlAddresses.POLICY_ACKS, new PolicyAck(self.nodeId(), self.org(),
            self.roles().stream().sorted().map(Role::id).toList(), s.version(), s.committedAt(), clock.instant(),
            self.agentVersion(), a.rollouts(), policy.health().drain()));
    }

    /** The version of EdgeCoder on the class path ("dev" when run from classes). */
    public static String agentVersion() {
        String v = PolicyApplier.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** A promise completed with the first snapshot at or above {@code version} (tests and benchmarks). */
    public static Future<Long> whenApplied(NodePolicy policy, long version) {
        Promise<Long> done = Promise.promise();
        policy.onChange(s -> {
            if (s.version() >= version) {
                done.tryComplete(s.version());
            }
        });
        if (policy.version() >= version) {
            done.tryComplete(policy.version());
        }
        return done.future();
    }

}
