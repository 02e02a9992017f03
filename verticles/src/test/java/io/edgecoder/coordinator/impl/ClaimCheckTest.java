package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.trust.ResultStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lease holder, signature, impossible measures and the pay cap. */
class ClaimCheckTest {
    private static final NodeIdentity WORKER = NodeIdentity.ephemeral();
    private static final int TIMEOUT_S = 30;

    private static CapacityTable.Lease lease(NodeIdentity worker, int cores) {
        WorkerHeartbeat hb = new WorkerHeartbeat(worker.nodeId(), "mesh-a", List.of("python"), 1, 1, 0, "strong", 1000,
            worker.publicKeyBase64(), cores);
        return new CapacityTable.Lease(WorkerEntry.of(hb, false), null);
    }

    private static RunSubtaskRequest sent(CapacityTable.Lease lease) {
        return new RunSubtaskRequest("j", "j-1", "j-1#1", 1, "python", Map.of("test_a.py", ""), "test_a.py", TIMEOUT_S, false,
            lease.id());
    }

    private static RunSubtaskReply reply(String worker, long cpuMs, long wallMs) {
        return new RunSubtaskReply(worker, "passed", 0, wallMs, cpuMs, null, "ok", "Ran 1 test", false, "strong",
            new TestReport(1, 1, 0, 0, List.of()));
    }

    private static RunSubtaskReply signedBy(NodeIdentity key, RunSubtaskRequest sent, RunSubtaskReply reply) {
        return reply.signed(ResultStatement.of(sent, reply).sign(key));
    }

    @Test
    void aSignedPlausibleReplyFromTheHolderIsAClaimPaidAtMostWallTimesCores() {
        CapacityTable.Lease lease = lease(WORKER, 2);
        RunSubtaskRequest sent = sent(lease);
        RunSubtaskReply reply = signedBy(WORKER, sent, reply(WORKER.nodeId(), 700, 400));

        ClaimCheck.Verdict v = ClaimCheck.check(sent, lease, reply, 500, false);

        assertThat(v.refusal()).isNull();
        assertThat(v.claim().capMs()).isEqualTo(1000);
        assertThat(v.claim().payableMs()).isEqualTo(700);
        assertThat(v.claim().resultDigest()).isEqualTo(ResultStatement.resultDigest("passed", reply.report()));
        assertThat(v.claim().leaseId()).isEqualTo(lease.id());
    }

    @Test
    void theCapIsTheShorterOfTheLeaseAndTheTimeout() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        RunSubtaskRequest sent = sent(lease);
        RunSubtaskReply reply = signedBy(WORKER, sent, reply(WORKER.nodeId(), 30_000, 30_000));

        ClaimCheck.Verdict v = ClaimCheck.check(sent, lease, reply, 45_000, false);

        assertThat(v.claim().capMs()).isEqualTo(TIMEOUT_S * 1000L);
    }

    @Test
    void withinTheSlackTheClaimIsKeptButPaidOnlyUpToTheCap() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        RunSubtaskRequest sent = sent(lease);
        RunSubtaskReply reply = signedBy(WORKER, sent, reply(WORKER.nodeId(), 560, 400));

        ClaimCheck.Verdict v = ClaimCheck.check(sent, lease, reply, 500, false);

        assertThat(v.claim().payableMs()).isEqualTo(500);
    }

    @Test
    void negativeCpuIsRefusedAndProvable() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        RunSubtaskRequest sent = sent(lease);
        ClaimCheck.Verdict v = ClaimCheck.check(sent, lease, signedBy(WORKER, sent, reply(WORKER.nodeId(), -5, 100)), 500, false);

        assertThat(v.claim()).isNull();
        assertThat(v.refusal()).contains("impossible measure").contains("negative time");
        assertThat(v.provable()).isTrue();
    }

    @Test
    void moreCpuThanTheLeaseOnItsCoresIsRefused() {
        CapacityTable.Lease lease = lease(WORKER, 2);
        RunSubtaskRequest sent = sent(lease);
        ClaimCheck.Verdict v = ClaimCheck.check(sent, lease, signedBy(WORKER, sent, reply(WORKER.nodeId(), 900_000, 400)), 500,
            false);

        assertThat(v.refusal()).contains("cpu 900000 ms in a lease of 500 ms on 2 core(s)");
        assertThat(v.provable()).isTrue();
    }

    @Test
    void aWallTimeLongerThanTheLeaseIsRefused() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        RunSubtaskRequest sent = sent(lease);
        ClaimCheck.Verdict v = ClaimCheck.check(sent, lease, signedBy(WORKER, sent, reply(WORKER.nodeId(), 10, 5000)), 500, false);

        assertThat(v.refusal()).contains("wall 5000 ms in a lease of 500 ms");
    }

    @Test
    void anUnsignedReplyIsRefusedButProvesNothing() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        ClaimCheck.Verdict v = ClaimCheck.check(sent(lease), lease, reply(WORKER.nodeId(), 10, 10), 500, false);

        assertThat(v.refusal()).isEqualTo("the result from " + WORKER.nodeId() + " is unsigned");
        assertThat(v.provable()).isFalse();
    }

    @Test
    void aReplySignedByAnotherKeyOrForAnotherLeaseIsRefused() {
        CapacityTable.Lease lease = lease(WORKER, 1);
        RunSubtaskRequest sent = sent(lease);
        RunSubtaskReply forged = signedBy(NodeIdentity.ephemeral(), sent, reply(WORKER.nodeId(), 10, 10));
        CapacityTable.Lease earlier = lease(WORKER, 1);
        RunSubtaskReply replayed = signedBy(WORKER, sent(earlier), reply(WORKER.nodeId(), 10, 10));

        assertThat(ClaimCheck.check(sent, lease, forged, 500, false).refusal()).contains("does not verify");
        assertThat(ClaimCheck.check(sent, lease, replayed, 500, false).refusal()).contains("does not verify");
        assertThat(ClaimCheck.check(sent, lease, replayed, 500, false).provable()).isFalse();
    }

    @Test
    void aReplyFromAnotherWorkerThanTheLeaseHolderIsRefused() {
        NodeIdentity other = NodeIdentity.ephemeral();
        CapacityTable.Lease lease = lease(WORKER, 1);
        RunSubtaskRequest sent = sent(lease);
        RunSubtaskReply theirs = signedBy(other, sent, reply(other.nodeId(), 10, 10));

        ClaimCheck.Verdict v = ClaimCheck.check(sent, lease, theirs, 500, false);

        assertThat(v.refusal()).isEqualTo("the reply names worker " + other.nodeId() + " but the lease is held by " + WORKER.nodeId());
    }
}
