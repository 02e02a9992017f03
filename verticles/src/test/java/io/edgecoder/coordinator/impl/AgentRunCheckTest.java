package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.trust.AgentRunStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent loop's test runs: lease holder, signature over every round's measures, impossible measures and the caps. */
class AgentRunCheckTest {
    private static final NodeIdentity WORKER = NodeIdentity.ephemeral();
    private static final int TIMEOUT_S = 30;
    private static final List<String> TESTS = List.of("test_a.py", "test_b.py");

    private static CapacityTable.Lease lease(NodeIdentity worker, int cores) {
        WorkerHeartbeat hb = new WorkerHeartbeat(worker.nodeId(), "acme", List.of("python"), 1, 1, 0, "strong", 1000,
            worker.publicKeyBase64(), cores);
        return new CapacityTable.Lease(WorkerEntry.of(hb, false), null);
    }

    private static AgentRunRequest sent(CapacityTable.Lease lease) {
        return new AgentRunRequest("j", "j-agent-1", lease.id(), "python", Map.of("test_a.py", "", "test_b.py", ""), TESTS,
            "write calc.py", "coder", 3, TIMEOUT_S, 300, Actor.user("alice"), "acme", true, null, null);
    }

    /** A round that ran the tests for {@code testMs} using {@code cpuMs}; null CPU: no test ran. */
    private static AgentStep round(int n, String status, long testMs, Long cpuMs) {
        return new AgentStep(n, WORKER.nodeId(), "coder", "p", "nI", "openai", 100, 20, "", status,
            cpuMs == null ? null : new TestReport(2, 1, 1, 0, List.of("test_a.T.x")), 900, testMs, 1000 + testMs,
            Instant.parse("2026-12-07T09:00:00Z"), null, 100L, cpuMs, null);
    }

    private static AgentRunReply reply(String worker, AgentStep... rounds) {
        return new AgentRunReply(worker, AgentRunReply.PASSED, Map.of("calc.py", "def add(a, b): return a + b\n"),
            List.of(rounds), null);
    }

    private static AgentRunReply signedBy(NodeIdentity key, AgentRunRequest sent, AgentRunReply reply) {
        return reply.signed(AgentRunStatement.of(sent, reply).sign(key));
    }

    @Test
    void eachRoundThatRanItsTestsIsPaidItsSignedCpuUnderItsOwnAttemptId() {
        CapacityTable.Lease lease = lease(WORKER, 2);
        AgentRunRequest sent = sent(lease);
        AgentRunReply reply = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "failed", 400, 300L),
            round(2, "no_files", 0, null), round(3, "passed", 500, 700L)));

        AgentRunCheck.Verdict v = AgentRunCheck.check(sent, lease, reply, 5_000);

        assertThat(v.refusal()).isNull();
        assertThat(v.pays()).containsExactly(new AgentRunCheck.Pay(1, "agent:j-agent-1:1", 300, 300),
            new AgentRunCheck.Pay(3, "agent:j-agent-1:3", 700, 700));
    }

    @Test
    void aMeasureAlteredAfterSigningIsRefusedButProvesNothingAboutTheHolder() {
        CapacityTable.Lease lease = lease(WORKER, 2);
        AgentRunRequest sent = sent(lease);
        AgentRunReply signed = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "passed", 400, 300L)));
        AgentRunReply inflated = reply(WORKER.nodeId(), round(1, "passed", 400, 790L)).signed(signed.signature());

        AgentRunCheck.Verdict v = AgentRunCheck.check(sent, lease, inflated, 5_000);

        assertThat(v.pays()).isEmpty();
        assertThat(v.refusal()).contains("does not verify");
        assertThat(v.provable()).isFalse();
    }

    @Test
    void aReplySignedForAnotherLeaseOrByAnotherKeyIsRefused() {
        CapacityTable.Lease lease = lease(WORKER, 2);
        AgentRunRequest sent = sent(lease);
        AgentRunRequest other = sent(lease(WORKER, 2));
        AgentRunReply reply = reply(WORKER.nodeId(), round(1, "passed", 400, 300L));

        assertThat(AgentRunCheck.check(sent, lease, signedBy(WORKER, other, reply), 5_000).refusal()).contains("does not verify");
        assertThat(AgentRunCheck.check(sent, lease, signedBy(NodeIdentity.ephemeral(), sent, reply), 5_000).refusal())
            .contains("does not verify");
        assertThat(AgentRunCheck.check(sent, lease, reply, 5_000).refusal()).contains("unsigned");
    }

    @Test
    void aReplyNamingAnotherWorkerThanTheLeaseHolderIsRefused() {
        NodeIdentity stranger = NodeIdentity.ephemeral();
        CapacityTable.Lease lease = lease(WORKER, 2);
        AgentRunRequest sent = sent(lease);

        AgentRunCheck.Verdict v = AgentRunCheck.check(sent, lease,
            signedBy(stranger, sent, reply(stranger.nodeId(), round(1, "passed", 400, 300L))), 5_000);

        assertThat(v.refusal()).contains("but the lease is held by " + WORKER.nodeId());
        assertThat(v.provable()).isFalse();
    }

    @Test
    void aSignedRoundWithMoreCpuThanItsTestTimeOnTheCoresIsRefusedAndProvable() {
        CapacityTable.Lease lease = lease(WORKER, 2);
        AgentRunRequest sent = sent(lease);
        AgentRunReply reply = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "failed", 400, 300L),
            round(2, "passed", 500, 100_000L)));

        AgentRunCheck.Verdict v = AgentRunCheck.check(sent, lease, reply, 4_000_000);

        assertThat(v.pays()).isEmpty();
        assertThat(v.provable()).isTrue();
        assertThat(v.refusal()).contains("signed an impossible measure").contains("cpu 100000 ms in round 2's test runs of 500 ms"
            + " on 2 core(s)");
    }

    @Test
    void signedTestTimesLongerThanTheWholeLeaseAreRefusedAndProvable() {
        CapacityTable.Lease lease = lease(WORKER, 2);
        AgentRunRequest sent = sent(lease);
        AgentRunReply together = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "failed", 6_000, 1_000L),
            round(2, "passed", 6_000, 1_000L)));
        AgentRunReply alone = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "passed", Long.MAX_VALUE, 100L)));

        AgentRunCheck.Verdict v = AgentRunCheck.check(sent, lease, together, 10_000);

        assertThat(v.provable()).isTrue();
        assertThat(v.refusal()).contains("wall 12000 ms in the loop's lease of 10000 ms");
        assertThat(AgentRunCheck.check(sent, lease, alone, 10_000).refusal()).contains("in the loop's lease of 10000 ms");
    }

    @Test
    void cpuBeyondTheTimeoutOfTheRoundsTestFilesIsRefused() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        AgentRunRequest sent = sent(lease);
        long twoFiles = 2L * TIMEOUT_S * 1000;
        AgentRunReply reply = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "passed", 200_000, twoFiles + 1_000)));

        AgentRunCheck.Verdict v = AgentRunCheck.check(sent, lease, reply, 300_000);

        assertThat(v.provable()).isTrue();
        assertThat(v.refusal()).contains("beyond the job's timeout of " + twoFiles + " ms on 1 core(s)");
    }

    @Test
    void negativeTimesAreRefused() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        AgentRunRequest sent = sent(lease);
        AgentRunReply reply = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "passed", 400, -5L)));

        assertThat(AgentRunCheck.check(sent, lease, reply, 5_000).refusal()).contains("negative time");
    }

    @Test
    void withinTheAllowanceARoundIsPaidOnlyUpToItsWallTimeOnTheCores() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        AgentRunRequest sent = sent(lease);
        AgentRunReply reply = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "passed", 400, 550L)));

        AgentRunCheck.Verdict v = AgentRunCheck.check(sent, lease, reply, 5_000);

        assertThat(v.refusal()).isNull();
        assertThat(v.pays()).singleElement().satisfies(p -> {
            assertThat(p.cpuMs()).isEqualTo(550);
            assertThat(p.payMs()).isEqualTo(400);
        });
    }

    @Test
    void allRoundsTogetherArePaidAtMostTheLeasesWallTimeOnTheCores() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        AgentRunRequest sent = sent(lease);
        AgentRunReply reply = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "failed", 500, 500L),
            round(2, "passed", 500, 500L)));

        AgentRunCheck.Verdict v = AgentRunCheck.check(sent, lease, reply, 900);

        assertThat(v.refusal()).as("1000 ms signed in a lease of 900 ms is within the allowance of two runs").isNull();
        assertThat(v.pays()).extracting(AgentRunCheck.Pay::payMs).containsExactly(500L, 400L);
    }

    @Test
    void roundsBeyondTheBoundAreNeitherCheckedNorPaidAndMisnumberedRoundsAreRefused() {
        CapacityTable.Lease lease = lease(WORKER, 2);
        AgentRunRequest sent = sent(lease);
        List<AgentStep> rounds = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            rounds.add(round(i, "failed", 100, i == 4 ? 999_999L : 100L));
        }
        AgentRunReply tooMany = signedBy(WORKER, sent, reply(WORKER.nodeId(), rounds.toArray(AgentStep[]::new)));
        AgentRunReply misnumbered = signedBy(WORKER, sent, reply(WORKER.nodeId(), round(1, "failed", 100, 100L),
            round(1, "passed", 100, 100L)));

        assertThat(AgentRunCheck.check(sent, lease, tooMany, 5_000).pays()).hasSize(3);
        assertThat(AgentRunCheck.check(sent, lease, misnumbered, 5_000).refusal()).contains("does not number its rounds 1..2");
    }
}
