package io.edgecoder.control;

import static io.edgecoder.control.ControlFixture.await;
import static io.edgecoder.control.ControlFixture.enrollRequest;
import static io.edgecoder.control.EnrollmentIT.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.message.ReenrollReply;
import io.edgecoder.core.message.RevocationEvent;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Withdrawing an approval and forcing re-enrollment, on the real schema. */
class SecurityControlsIT {
    @AutoClose
    private final ControlFixture control = new ControlFixture();
    private final SecurityControls security = new SecurityControls(control.store, control.enrollment, control.published::add,
        ControlFixture.PORTAL, control.clock);

    SecurityControlsIT() throws Exception {
    }

    /** An approved node that collected its certificates. */
    private NodeIdentity certified() throws Exception {
        NodeIdentity node = NodeIdentity.ephemeral();
        await(control.enrollment.enroll(enrollRequest(node, control.token(List.of("worker"), "core", 30), null)));
        await(control.decisions.approve(new NodeDecisionRequest(node.nodeId(), "alice", null)));
        assertThat(await(control.enrollment.status(control.statusRequest(node))).certificate()).isNotNull();
        return node;
    }

    @Test
    void aWithdrawnApprovalRefusesTheNodeUntilItIsApprovedAgain() throws Exception {
        NodeIdentity node = certified();

        NodeView withdrawn = await(security.withdraw(new NodeDecisionRequest(node.nodeId(), "alice", "left the team")));
        List<String> refused = await(control.decisions.revoked()).nodeIds();
        NodeView approved = await(control.decisions.approve(new NodeDecisionRequest(node.nodeId(), "alice", "back")));

        assertThat(withdrawn.status()).isEqualTo("pending");
        assertThat(refused).contains(node.nodeId());
        assertThat(approved.status()).isEqualTo("approved");
        assertThat(await(control.decisions.revoked()).nodeIds()).doesNotContain(node.nodeId());
        assertThat(control.published).extracting(RevocationEvent::revoked).containsExactly(true, false);
        assertThat(failure(security.withdraw(new NodeDecisionRequest(certified().nodeId(), "alice", null))
            .compose(v -> security.withdraw(new NodeDecisionRequest(node.nodeId(), "alice", null)))
            .compose(v -> security.withdraw(new NodeDecisionRequest(node.nodeId(), "alice", null)))).code())
            .isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void forcedReEnrollmentRevokesTheNodeAndHandsOutATokenForTheSameRolesAndOrganisation() throws Exception {
        NodeIdentity node = certified();

        ReenrollReply reply = await(security.reenroll(new NodeDecisionRequest(node.nodeId(), "alice", "key may have leaked")));
        await(control.enrollment.enroll(enrollRequest(node, reply.token().token(), null)));

        assertThat(reply.node().status()).isEqualTo("revoked");
        assertThat(reply.token().roles()).containsExactly("worker");
        assertThat(reply.token().org()).isEqualTo("acme");
        assertThat(control.published).extracting(RevocationEvent::revoked).containsExactly(true);
        assertThat(await(control.store.node(node.nodeId())).orElseThrow().status()).isEqualTo("pending");
    }

    @Test
    void unknownNodesAndMalformedIdsAreRefused() throws Exception {
        assertThat(failure(security.withdraw(new NodeDecisionRequest(NodeIdentity.ephemeral().nodeId(), "alice", null))).code())
            .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failure(security.reenroll(new NodeDecisionRequest("x", "alice", null))).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }
}
