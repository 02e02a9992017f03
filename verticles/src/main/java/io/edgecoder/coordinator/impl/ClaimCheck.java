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
        long cap = Math.min(leaseWallMs, sent.timeoutSeconds() * 1000L) * lease.worker().cores();
        return new Verdict(new Claim(sent.attemptId(), lease.id(), holder, lease.worker().org(), trusted, reply,
            statement.resultDigest(), leaseWallMs, cap), null, false);
    }

    /** Why the measures cannot be true, or null when they can. */
    static String impossible(RunSubtaskReply reply, long leaseWallMs, long timeoutMs, int cores) {
        if (reply.cpuMs() < 0 || reply.wallMs() < 0) {
            return "negative time (cpu " + reply.cpuMs() + " ms, wall " + reply.wallMs() + " ms)";
        }
        if (reply.wallMs() > leaseWallMs + SLACK_MS) {
            return "wall " + reply.wallMs() + " ms in a lease of " + leaseWallMs + " ms";
        }
        if (reply.cpuMs() > leaseWallMs * cores + SLACK_MS) {
            return "cpu " + reply.cpuMs() + " ms in a lease of " + leaseWallMs + " ms on " + cores + " core(s)";
        }
        if (reply.cpuMs() > timeoutMs * cores + SLACK_MS) {
            return "cpu " + reply.cpuMs() + " ms beyond the job's timeout of " + timeoutMs + " ms on " + cores + " core(s)";
        }
        return null;
    }

    private static String clip(String s) {
        return s == null ? "(none)" : s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
