package io.edgecoder.control;

import static io.edgecoder.control.ControlFixture.await;
import static io.edgecoder.control.ControlFixture.enrollRequest;
import static io.edgecoder.control.EnrollmentIT.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.message.CertRenewReply;
import io.edgecoder.core.message.CertRenewRequest;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.message.NodeListRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.trust.Caller;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.Pem;
import io.edgecoder.core.trust.Ring;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Approve, reject and revoke on the real schema: allowed moves only, who and when recorded, revocations published. */
class NodeDecisionsIT {
    @AutoClose
    private final ControlFixture control = new ControlFixture();

    NodeDecisionsIT() throws Exception {
    }

    private NodeIdentity pending() throws Exception {
        NodeIdentity node = NodeIdentity.ephemeral();
        await(control.enrollment.enroll(enrollRequest(node, control.token(List.of("worker"), "core", 30), null)));
        return node;
    }

    private static NodeDecisionRequest by(String actor, NodeIdentity node, String reason) {
        return new NodeDecisionRequest(node.nodeId(), actor, reason);
    }

    @Test
    void decisionsMoveOnlyFromTheStatusesThatAllowThemAndRecordWhoDecided() throws Exception {
        NodeIdentity a = pending();
        NodeIdentity b = pending();

        NodeView approved = await(control.decisions.approve(by("alice", a, "my build box")));
        NodeView rejected = await(control.decisions.reject(by("bob", b, "unknown machine")));
        MeshException again = failure(control.decisions.approve(by("alice", a, null)));
        MeshException lateApproval = failure(control.decisions.approve(by("alice", b, null)));
        MeshException revokeRejected = failure(control.decisions.revoke(by("alice", b, null)));

        assertThat(approved.status()).isEqualTo("approved");
        assertThat(approved.decidedBy()).isEqualTo("alice");
        assertThat(approved.decidedAt()).isEqualTo(control.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(rejected.status()).isEqualTo("rejected");
        assertThat(rejected.reason()).isEqualTo("unknown machine");
        assertThat(List.of(again, lateApproval, revokeRejected)).allSatisfy(e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(again.getMessage()).contains("is approved; only a node that is pending can be approved");
    }

    @Test
    void unknownOrMalformedNodesAndMissingActorsAreRefused() throws Exception {
        NodeIdentity a = pending();

        assertThat(failure(control.decisions.approve(by("alice", NodeIdentity.ephemeral(), null))).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failure(control.decisions.approve(new NodeDecisionRequest("../etc", "alice", null))))
            .hasMessageStartingWith("nodeId: ");
        assertThat(failure(control.decisions.approve(by(" ", a, null)))).hasMessageStartingWith("actor: ");
        assertThat(failure(control.decisions.approve(by("alice", a, "x".repeat(501))))).hasMessageStartingWith("reason: ");
        assertThat(failure(control.decisions.list(new NodeListRequest("sleeping")))).hasMessageStartingWith("status: ");
        assertThat(await(control.store.node(a.nodeId())).orElseThrow().status()).isEqualTo("pending");
    }

    @Test
    void revokingPublishesTheRevocationAndListsIt() throws Exception {
        NodeIdentity a = pending();
        await(control.decisions.approve(by("alice", a, null)));

        NodeView revoked = await(control.decisions.revoke(by("carol", a, "laptop stolen")));

        assertThat(revoked.status()).isEqualTo("revoked");
        assertThat(control.published).singleElement().satisfies(e -> {
            assertThat(e.nodeId()).isEqualTo(a.nodeId());
            assertThat(e.revoked()).isTrue();
        });
        assertThat(await(control.decisions.revoked()).nodeIds()).containsExactly(a.nodeId());
    }

    @Test
    void theListFiltersByStatus() throws Exception {
        NodeIdentity a = pending();
        NodeIdentity b = pending();
        await(control.decisions.approve(by("alice", b, null)));

        assertThat(await(control.decisions.list(new NodeListRequest("pending"))).nodes()).extracting(NodeView::nodeId)
            .containsExactly(a.nodeId());
        assertThat(await(control.decisions.list(new NodeListRequest(null))).nodes()).hasSize(2);
    }

    @Test
    void theAuditHasEveryDecisionInOrderWithItsActor() throws Exception {
        NodeIdentity a = pending();
        await(control.decisions.approve(by("alice", a, "ok")));
        await(control.decisions.revoke(by("carol", a, "done")));

        assertThat(await(control.store.audit(0, 100))).extracting(e -> e.action() + " " + e.actor() + " " + e.subject())
            .containsExactly("token.create alice token:" + await(control.store.audit(0, 1)).get(0).subject().substring(6),
                "node.enroll " + a.nodeId() + " " + a.nodeId(), "node.approve alice " + a.nodeId(), "node.revoke carol " + a.nodeId());
    }

    @Test
    void aNodeRenewsOnlyItsOwnCertificateAndOnlyWhileApproved() throws Exception {
        NodeIdentity a = pending();
        Caller self = new Caller(a.nodeId(), "acme", Set.of(Role.WORKER), Ring.CORE, null, 0);
        Caller other = new Caller(NodeIdentity.ephemeral().nodeId(), "acme", Set.of(Role.WORKER), Ring.CORE, null, 0);

        MeshException whilePending = failure(control.enrollment.renew(new CertRenewRequest(a.nodeId()), self));
        await(control.decisions.approve(by("alice", a, null)));
        MeshException forAnother = failure(control.enrollment.renew(new CertRenewRequest(a.nodeId()), other));
        CertRenewReply renewed = await(control.enrollment.renew(new CertRenewRequest(a.nodeId()), self));
        await(control.decisions.revoke(by("alice", a, null)));
        MeshException afterRevocation = failure(control.enrollment.renew(new CertRenewRequest(a.nodeId()), self));

        assertThat(whilePending.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(forAnother.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(forAnother.getMessage()).contains("only its own certificate");
        assertThat(NodeCertificate.of(Pem.certificates(renewed.certificate()).get(0)).nodeId()).isEqualTo(a.nodeId());
        assertThat(afterRevocation.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(afterRevocation.getMessage()).contains("revoked");
    }

    @Test
    void aRevokedNodeMayEnrollAgainOnlyWithANewToken() throws Exception {
        NodeIdentity a = pending();
        await(control.decisions.revoke(by("alice", a, null)));

        await(control.enrollment.enroll(enrollRequest(a, control.token(List.of("worker"), "core", 30), null)));
        MeshException whilePending = failure(control.enrollment.enroll(enrollRequest(a, control.token(List.of("worker"), "core", 30), null)));

        assertThat(await(control.store.node(a.nodeId())).orElseThrow().status()).isEqualTo("pending");
        assertThat(whilePending.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(whilePending.getMessage()).contains("already enrolled (pending)");
    }

    @Test
    void theControlNodeRecordsItselfApprovedOnce() throws Exception {
        NodeIdentity self = NodeIdentity.ephemeral();
        NodeView view = new NodeView(self.nodeId(), self.publicKeyBase64(), self.keyFingerprint(), "acme", List.of("control", "portal"),
            "core", "approved", null, "self", null, null, null, null);

        await(control.store.recordSelf(view, control.clock.instant()));
        await(control.store.recordSelf(view, control.clock.instant()));

        assertThat(await(control.store.node(self.nodeId())).orElseThrow().status()).isEqualTo("approved");
        assertThat(await(control.store.audit(0, 10))).extracting(e -> e.action()).containsExactly("node.self");
    }
}
