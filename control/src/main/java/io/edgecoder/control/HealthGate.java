package io.edgecoder.control;

import io.edgecoder.control.impl.PgRollouts;
import io.edgecoder.core.message.NodeHealth;
import io.edgecoder.core.message.PolicyAck;
import io.edgecoder.core.message.RolloutView;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout health gate: sums what each node that applied a running rollout reports (runs,
 * errors, latency) since the rollout's current step began, and pauses the rollout when one node,
 * having at least {@code minRuns} runs, is over the rollout's error rate or mean latency limit. The
 * pause names the node and the figure. Confined to the control verticle's event loop.
 */
public final class HealthGate {
    /** The author of automatic pauses in the audit. */
    public static final String ACTOR = "health-gate";
    private static final Logger LOG = LoggerFactory.getLogger(HealthGate.class);

    private final PgRollouts rollouts;
    private final RolloutService service;
    private final Clock clock;
    /** rollout name @ rollout version → node id → {runs, errors, total latency ms}. */
    private final Map<String, Map<String, long[]>> sums = new HashMap<>();

    public HealthGate(PgRollouts rollouts, RolloutService service, Clock clock) {
        this.rollouts = rollouts;
        this.service = service;
        this.clock = clock;
    }

    /** Takes one acknowledgement into account; completes once any pause it caused is committed. */
    public Future<Void> onAck(PolicyAck ack) {
        NodeHealth h = ack.health();
        if (h == null || h.runs() == 0 || ack.rollouts().isEmpty()) {
            return Future.succeededFuture();
        }
        return rollouts.running().compose(running -> {
            sums.keySet().retainAll(running.stream().map(HealthGate::key).toList());
            Future<Void> all = Future.succeededFuture();
            for (RolloutView r : running) {
                if (ack.rollouts().contains(r.name())) {
                    long[] sum = sums.computeIfAbsent(key(r), k -> new HashMap<>()).computeIfAbsent(ack.nodeId(), n -> new long[3]);
                    sum[0] += h.runs();
                    sum[1] += h.errors();
                    sum[2] += h.meanLatencyMs() * h.runs();
                    String regression = regression(r, sum);
                    if (regression != null) {
                        all = all.compose(v -> pause(r, ack.nodeId() + " " + regression));
                    }
                }
            }
            return all;
        });
    }

    private static String key(RolloutView r) {
        return r.name() + "@" + r.version();
    }

    /** Null when healthy; otherwise what is over its limit. */
    static String regression(RolloutView r, long[] sum) {
        if (sum[0] < r.minRuns()) {
            return null;
        }
        double rate = (double) sum[1] / sum[0];
        long latency = sum[2] / sum[0];
        if (r.maxErrorRate() != null && rate > r.maxErrorRate()) {
            return String.format(Locale.ROOT, "reported an error rate of %.2f over %d runs (limit %.2f)", rate, sum[0], r.maxErrorRate());
        }
        if (r.maxLatencyMs() != null && latency > r.maxLatencyMs()) {
            return "reported a mean latency of " + latency + " ms over " + sum[0] + " runs (limit " + r.maxLatencyMs() + " ms)";
        }
        return null;
    }

    private Future<Void> pause(RolloutView r, String why) {
        LOG.warn("rollout {} paused by its health gate: node {}", r.name(), why);
        return service.transition(r.name(), Set.of("running"), "paused", "pause", ACTOR, "health regression: node " + why,
                clock.instant(), false, r.version())
            .<Void>mapEmpty()
            .otherwiseEmpty();
    }
}
