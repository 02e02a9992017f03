package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.trust.ResultStatement;

/**
 * Decides whether a worker's reply counts as a result: it must come from the lease holder and be
 * signed with the holder's key over exactly this reply to exactly this lease, and its measures must
 * be possible (no negative times, no more CPU than the lease's wall time on the slot's cores, nor
 * more than the job's timeout on them). A refusal says why; it is <em>provable</em> when the
 * signature verified, so the worker itself stated something impossible (an unsigned or wrongly
 * signed reply proves nothing about the holder: anyone on an untrusted transport could send it).
 */
public final class ClaimCheck {
    /** Allowance for measurement granularity (time(1) reports in 10 ms steps, clocks tick coarsely). */
    static final long SLACK_MS = 100;

    private ClaimCheck() {
    }

    /** The outcome: exactly one of {@code claim} and {@code refusal} is set. */
    public record Verdict(Claim claim, String refusal, boolean provable) {
        public static Verdict refused(String reason, boolean provable) {
            return new Verdict(null, reason, provable);
        }
    }

    public static Verdict check(RunSubtaskRequest sent, CapacityTable.Lease lease, RunSubtaskReply reply, long leaseWallMs,
                                boolean trusted) {
        String holder = lease.nodeId();
        if (reply.workerId() == null || !reply.workerId().equals(holder)) {
            return Verdict.refused("the reply names worker " + clip(reply.workerId()) + " but the lease is held by " + holder, false);
        }
        if (reply.signature() == null || reply.signature().isBlank()) {
            return Verdict.refused("the result from " + holder + " is unsigned", false);
        }
        ResultStatement statement = ResultStatement.of(sent, reply);
        if (!statement.verify(lease.worker().publicKey(), reply.signature())) {
            return Verdict.refused("the signature on the result from " + holder + " does not verify with its key", false);
        }
        String impossible = impossible(reply, leaseWallMs, sent.timeoutSeconds() * 1000L, lease.worker().cores());
        if (impossible != null) {
            return Verdict.refused(holder + " signed an impossible measure: " + impossible, true);
        }
        long cap = cap(leaseWallMs, sent.timeoutSeconds() * 1000L, lease.worker().cores());
        return new Verdict(new Claim(sent.attemptId(), lease.id(), holder, lease.worker().org(), trusted, reply,
            statement.resultDigest(), leaseWallMs, cap), null, false);
    }

    /** Why the measures cannot be true, or null when they can. */
    static String impossible(RunSubtaskReply reply, long leaseWallMs, long timeoutMs, int cores) {
        return impossible(reply.cpuMs(), reply.wallMs(), leaseWallMs, "a lease", timeoutMs, cores, 1);
    }

    /**
     * Why {@code cpuMs} of CPU and {@code wallMs} of wall time cannot have been measured within {@code spanMs} (a lease
     * as the coordinator measured it, or a span the worker signed and that was checked against one) on {@code cores},
     * by {@code runs} runs that each stop at the job's timeout ({@code timeoutMs} is their timeouts together); null
     * when they can. {@code span} names the span in the reason. Each run has the allowance {@link #SLACK_MS}. The one
     * rule for every paid measure: subtask runs and the agent loop's test runs.
     */
    static String impossible(long cpuMs, long wallMs, long spanMs, String span, long timeoutMs, int cores, long runs) {
        long slack = SLACK_MS * Math.max(1, runs);
        if (cpuMs < 0 || wallMs < 0) {
            return "negative time (cpu " + cpuMs + " ms, wall " + wallMs + " ms)";
        }
        if (wallMs > spanMs + slack) {
            return "wall " + wallMs + " ms in " + span + " of " + spanMs + " ms";
        }
        if (cpuMs > spanMs * cores + slack) {
            return "cpu " + cpuMs + " ms in " + span + " of " + spanMs + " ms on " + cores + " core(s)";
        }
        if (cpuMs > timeoutMs * cores + slack) {
            return "cpu " + cpuMs + " ms beyond the job's timeout of " + timeoutMs + " ms on " + cores + " core(s)";
        }
        return null;
    }

    /** The most CPU a span can be paid for: its wall time, at most the timeout, times the cores. */
    static long cap(long spanMs, long timeoutMs, int cores) {
        return Math.min(spanMs, timeoutMs) * cores;
    }

    private static String clip(String s) {
        return s == null ? "(none)" : s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
