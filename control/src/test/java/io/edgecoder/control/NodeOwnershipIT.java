package io.edgecoder.control;

import static io.edgecoder.control.ControlFixture.await;
import static io.edgecoder.control.ControlFixture.enrollRequest;
import static io.edgecoder.control.EnrollmentIT.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.EnrollTokenReply;
import io.edgecoder.core.message.EnrollTokenRequest;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.message.NodeListRequest;
import io.edgecoder.core.message.NodeView;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Coordinator-owners manage only their organisation's nodes, on the real schema: tokens only for
 * their organisation, listings only of its nodes, and a node of another organisation is answered
 * like an unknown one (404). An admin (no organisation on the request) manages every node.
 */
class NodeOwnershipIT {
    @AutoClose
    private final ControlFixture control = new ControlFixture();

    NodeOwnershipIT() throws Exception {
    }

    private EnrollTokenReply token(String org, String ownerOrg) throws Exception {
        return await(control.enrollment.createToken(new EnrollTokenRequest(org, List.of("worker"), "core", 30, "owner",
            "https://portal.example", ownerOrg)));
    }

    private NodeIdentity enrolled(String token) throws Exception {
        NodeIdentity node = NodeIdentity.ephemeral();
        await(control.enrollment.enroll(enrollRequest(node, token, null)));
        return node;
    }

    @Test
    void anOwnerGetsTokensOnlyForTheirOrganisation() throws Exception {
        assertThat(token(null, "globex").org()).as("no org asked: the owner's").isEqualTo("globex");
        assertThat(token("globex", "globex").org()).isEqualTo("globex");

        MeshException other = failure(control.enrollment.createToken(new EnrollTokenRequest("acme", List.of("worker"), "core", 30,
            "owner", "https://portal.example", "globex")));

        assertThat(other.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(other.getMessage()).isEqualTo("org: a coordinator-owner may create tokens only for their organisation globex");
        assertThat(token("initech", null).org()).as("an admin: any organisation").isEqualTo("initech");
    }

    @Test
    void anOwnerListsAndDecidesOnlyTheirOrganisationsNodes() throws Exception {
        NodeIdentity globex = enrolled(token(null, "globex").token());
        NodeIdentity acme = enrolled(token("acme", null).token());

        List<NodeView> listed = await(control.decisions.list(new NodeListRequest(null, "globex"))).nodes();
        MeshException foreign = failure(control.decisions.approve(new NodeDecisionRequest(acme.nodeId(), "owner", null, "globex")));
        MeshException foreignRevoke = failure(control.decisions.revoke(new NodeDecisionRequest(acme.nodeId(), "owner", null, "globex")));
        NodeView approved = await(control.decisions.approve(new NodeDecisionRequest(globex.nodeId(), "owner", "ours", "globex")));

        assertThat(listed).extracting(NodeView::nodeId).containsExactly(globex.nodeId());
        assertThat(List.of(foreign, foreignRevoke)).allSatisfy(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("no enrolled node " + acme.nodeId());
        });
        assertThat(approved.status()).isEqualTo("approved");
        assertThat(approved.decidedBy()).isEqualTo("owner");
        assertThat(await(control.decisions.list(new NodeListRequest("pending"))).nodes()).extracting(NodeView::nodeId)
            .as("the admin's listing has every organisation's nodes").contains(acme.nodeId()).doesNotContain(globex.nodeId());
        assertThat(await(control.decisions.reject(new NodeDecisionRequest(acme.nodeId(), "admin", null))).status())
            .isEqualTo("rejected");
    }
}
