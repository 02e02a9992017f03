package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.trust.AgentRunStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what of an agent loop's own test runs is paid: the reply must come from the lease holder and
 * be signed with its key over exactly this reply to exactly this lease ({@link AgentRunStatement}), and
 * its measures must be possible by the rule {@link ClaimCheck} applies to every run: the loop's test
 * runs together within the loop's lease as the coordinator measured it, each round's CPU within its
 * signed test time (and the job's timeout per test file) on the slot's cores. Each round that ran its
 * tests is then paid its CPU, at most its cap, and all rounds together at most the lease's cap. A
 * refusal is <em>provable</em> when the signature verified, so the worker itself signed something
 * impossible.
 */
public final class AgentRunCheck {
    private AgentRunCheck() {
    }

    /** One round's pay: its ledger attempt id, the CPU the worker signed and the CPU paid for it. */
    public record Pay(int iteration, String attemptId, long cpuMs, long payMs) {
    }

    /** The outcome: the pays of the rounds, or a refusal (then nothing of the loop's runs is paid). */
    public record Verdict(List<Pay> pays, String refusal, boolean provable) {
        static Verdict refused(String reason, boolean provable) {
            return new Verdict(List.of(), reason, provable);
        }
    }

    /** How every agent round's ledger attempt id starts. */
    public static final String ATTEMPT_PREFIX = "agent:";

    /** The ledger attempt id of round {@code iteration} of run {@code runId} (its key is {@code settle:<attempt id>}). */
    public static String attemptId(String runId, int iteration) {
        return ATTEMPT_PREFIX + runId + ":" + iteration;
    }

    public static Verdict check(AgentRunRequest sent, CapacityTable.Lease lease, AgentRunReply reply, long leaseWallMs) {
        String holder = lease.nodeId();
        if (reply.workerId() == null || !reply.workerId().equals(holder)) {
            return Verdict.refused("the agent reply names worker " + clip(reply.workerId()) + " but the lease is held by "
                + holder, false);
        }
        if (reply.signature() == null || reply.signature().isBlank()) {
            return Verdict.refused("the agent reply from " + holder + " is unsigned", false);
        }
        if (!AgentRunStatement.of(sent, reply).verify(lease.worker().publicKey(), reply.signature())) {
            return Verdict.refused("the signature on the agent reply from " + holder + " does not verify with its key", false);
        }
        List<AgentStep> rounds = reply.steps() == null ? List.of()
            : reply.steps().subList(0, Math.min(reply.steps().size(), sent.maxIterations()));
        for (int i = 0; i < rounds.size(); i++) {
            if (rounds.get(i) == null || rounds.get(i).iteration() != i + 1) {
                return Verdict.refused("the agent reply from " + holder + " does not number its rounds 1.." + rounds.size(), true);
            }
        }
        String impossible = impossible(sent, rounds, leaseWallMs, lease.worker().cores());
        return impossible != null ? Verdict.refused(holder + " signed an impossible measure of its agent loop's test runs: "
            + impossible, true) : new Verdict(pays(sent, rounds, leaseWallMs, lease.worker().cores()), null, false);
    }

    /** Each round on its own, then all of them together within the lease. */
    private static String impossible(AgentRunRequest sent, List<AgentStep> rounds, long leaseWallMs, int cores) {
        long perFile = sent.timeoutSeconds() * 1000L;
        long cpu = 0;
        long wall = 0;
        long runs = 0;
        for (AgentStep s : rounds) {
            long files = s.testCpuMs() == null ? 0 : sent.tests().size();
            String round = "round " + s.iteration() + "'s test runs";
            // within the lease first: bounds every figure, so the sums below cannot overflow
            String why = ClaimCheck.impossible(measured(s), s.testMs(), leaseWallMs, "the loop's lease", files * perFile, cores, files);
            if (why == null) {
                why = ClaimCheck.impossible(measured(s), s.testMs(), s.testMs(), round, files * perFile, cores, files);
            }
            if (why != null) {
                return why;
            }
            cpu += measured(s);
            wall += s.testMs();
            runs += files;
        }
        return ClaimCheck.impossible(cpu, wall, leaseWallMs, "the loop's lease", runs * perFile, cores, runs);
    }

    /** Every round that ran tests, paid at most its cap, and the rounds together at most the lease's. */
    private static List<Pay> pays(AgentRunRequest sent, List<AgentStep> rounds, long leaseWallMs, int cores) {
        long perFile = sent.timeoutSeconds() * 1000L;
        long runs = rounds.stream().filter(s -> s.testCpuMs() != null).count() * sent.tests().size();
        long left = ClaimCheck.cap(leaseWallMs, runs * perFile, cores);
        List<Pay> out = new ArrayList<>();
        for (AgentStep s : rounds) {
            if (s.testCpuMs() != null) {
                long pay = Math.min(Math.min(s.testCpuMs(), ClaimCheck.cap(s.testMs(), sent.tests().size() * perFile, cores)), left);
                left -= pay;
                out.add(new Pay(s.iteration(), attemptId(sent.runId(), s.iteration()), s.testCpuMs(), pay));
            }
        }
        return out;
    }

    private static long measured(AgentStep s) {
        return s.testCpuMs() == null ? 0 : s.testCpuMs();
    }

    private static String clip(String s) {
        return s == null ? "(none)" : s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
