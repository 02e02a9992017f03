package io.edgecoder.control;

import io.edgecoder.control.impl.PgPolicyStore.Audit;
import io.edgecoder.control.impl.PgPolicyStore;
import io.edgecoder.control.impl.PgRollouts;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.PolicyAck;
import io.edgecoder.core.message.RolloutActionRequest;
import io.edgecoder.core.message.RolloutListReply;
import io.edgecoder.core.message.RolloutStartRequest;
import io.edgecoder.core.message.RolloutStatusRequest;
import io.edgecoder.core.message.RolloutView;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rollouts: a staged change of settings or agent version that reaches a growing share of nodes
 * (steps of percentages, nodes chosen by {@code RolloutSelection}). An operator starts, pauses,
 * resumes or rolls one back; {@link #tick} moves a running rollout to its next step once the
 * current one stayed healthy for {@code stepSeconds}, and {@link HealthGate} pauses it when a node
 * that applied it reports a regression. Every change is a new policy version, published.
 */
public final class RolloutService {
    private static final int MAX_LIST = 200;
    /** The author of automatic steps in the audit. */
    public static final String CONTROL_ACTOR = "control";

    private final PgPolicyStore store;
    private final PgRollouts rollouts;
    private final PolicyService policy;
    private final Clock clock;

    public RolloutService(PgPolicyStore store, PgRollouts rollouts, PolicyService policy, Clock clock) {
        this.store = store;
        this.rollouts = rollouts;
        this.policy = policy;
        this.clock = clock;
    }

    public Future<RolloutView> start(RolloutStartRequest q) {
        Instant now = clock.instant();
        return EnrollmentService.attempt(() -> draft(q, now))
            .compose(r -> policy.published(store.commit(new Audit(now, r.createdBy(), "rollout.start", "rollout:" + r.name(),
                    describe(r)), (conn, version) -> PgRollouts.insert(conn, r.withVersion(version)))));
    }

    private static RolloutView draft(RolloutStartRequest q, Instant now) {
        String name = Inputs.name("name", q.name());
        if (!"config".equals(q.kind()) && !"agent".equals(q.kind())) {
            throw MeshException.badRequest("kind: config or agent");
        }
        boolean agent = "agent".equals(q.kind());
        Map<String, String> settings = PolicyInputs.settings(q.settings(), !agent);
        String version = agent ? PolicyInputs.agentVersion(q.agentVersion()) : null;
        List<Integer> steps = PolicyInputs.steps(q.steps());
        int stepSeconds = PolicyInputs.within("stepSeconds", q.stepSeconds(), 1, 86_400, 60);
        int minRuns = PolicyInputs.within("minRuns", q.minRuns(), 1, 1_000_000, 5);
        return new RolloutView(0, name, q.kind(), settings, version, steps, 0, steps.get(0), "running",
            PolicyInputs.rate(q.maxErrorRate()), PolicyInputs.latency(q.maxLatencyMs()), stepSeconds, minRuns, Inputs.actor(q.actor()),
            now, now, null, 0, 0, 0, Inputs.roles(q.roles(), false));
    }

    private static String describe(RolloutView r) {
        return r.kind() + " " + ("agent".equals(r.kind()) ? "version " + r.agentVersion() : r.settings().toString())
            + ", steps " + r.steps() + ", gate errors <= " + r.maxErrorRate() + ", latency <= " + r.maxLatencyMs() + " ms";
    }

    public Future<RolloutView> pause(RolloutActionRequest q) {
        return act(q, Set.of("running"), "paused", "pause");
    }

    public Future<RolloutView> resume(RolloutActionRequest q) {
        return act(q, Set.of("paused"), "running", "resume");
    }

    public Future<RolloutView> rollback(RolloutActionRequest q) {
        return act(q, Set.of("running", "paused", "completed"), "rolled-back", "rollback");
    }

    private Future<RolloutView> act(RolloutActionRequest q, Set<String> from, String to, String verb) {
        Instant now = clock.instant();
        return EnrollmentService.attempt(() -> new String[] {Inputs.name("name", q.name()), Inputs.actor(q.actor()),
                Inputs.reason(q.reason())})
            .compose(in -> transition(in[0], from, to, verb, in[1], in[2] == null ? verb + " by " + in[1] : in[2], now, false, null));
    }

    /**
     * Moves rollout {@code name} from one of {@code from} to {@code to} (with {@code nextStep}, one step
     * further and its clock restarted), audited and published; with {@code seenVersion}, only if the rollout
     * is still at that version (automatic steps of several control nodes never apply twice).
     */
    Future<RolloutView> transition(String name, Set<String> from, String to, String verb, String actor, String reason, Instant now,
                                   boolean nextStep, Long seenVersion) {
        return policy.published(store.commit(new Audit(now, actor, "rollout." + verb, "rollout:" + name, reason),
            (conn, version) -> PgRollouts.lock(conn, name, from, verb)
                .compose(r -> {
                    if (seenVersion != null && r.version() != seenVersion) {
                        throw new MeshException(io.edgecoder.core.ErrorCode.CONFLICT, "rollout " + name + " changed meanwhile");
                    }
                    int index = nextStep ? r.stepIndex() + 1 : r.stepIndex();
                    Instant started = nextStep || "running".equals(to) ? now : r.stepStartedAt();
                    return PgRollouts.update(conn, r.id(), to, index, started, reason, version);
                })));
    }

    /** One rollout or all, with how many of the acknowledging nodes it selects and how many applied it. */
    public Future<RolloutListReply> status(RolloutStatusRequest q, List<PolicyAck> acks) {
        return EnrollmentService.attempt(() -> q.name() == null ? null : Inputs.name("name", q.name()))
            .compose(name -> rollouts.list(name, MAX_LIST).map(list -> {
                if (name != null && list.isEmpty()) {
                    throw MeshException.notFound("no rollout named " + name);
                }
                return new RolloutListReply(list.stream().map(r -> r.withCounts(
                    (int) acks.stream().filter(a -> !"rolled-back".equals(r.state()) && r.selects(a.nodeId(), a.roles())).count(),
                    (int) acks.stream().filter(a -> a.rollouts().contains(r.name())).count())).toList());
            }));
    }

    /** Advances each running rollout whose step stayed healthy long enough; the last step completes it. */
    public Future<Void> tick() {
        Instant now = clock.instant();
        return rollouts.running().compose(list -> Future.join(list.stream()
            .filter(r -> !now.isBefore(r.stepStartedAt().plusSeconds(r.stepSeconds())))
            .map(r -> advance(r, now).otherwiseEmpty())
            .toList())).mapEmpty();
    }

    private Future<RolloutView> advance(RolloutView r, Instant now) {
        boolean last = r.stepIndex() + 1 >= r.steps().size();
        return last
            ? transition(r.name(), Set.of("running"), "completed", "complete", CONTROL_ACTOR,
                "reached " + r.percent() + " % and stayed healthy for " + r.stepSeconds() + " s", now, false, r.version())
            : transition(r.name(), Set.of("running"), "running", "step", CONTROL_ACTOR,
                "step " + r.percent() + " % stayed healthy for " + r.stepSeconds() + " s; now " + r.steps().get(r.stepIndex() + 1) + " %",
                now, true, r.version());
    }
}
