package io.edgecoder.control;

import io.edgecoder.control.impl.PgControlStore;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.EnrollTokenRequest;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.message.ReenrollReply;
import io.edgecoder.core.message.RevocationEvent;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Security controls beyond approve, reject and revoke: withdrawing an approval (approved → pending;
 * the node's certificates are refused from its next message until it is approved again) and forcing
 * re-enrollment (the node is revoked and the operator gets a fresh token for the same organisation,
 * roles and ring). Approving a node publishes its reinstatement, which undoes a withdrawal.
 */
public final class SecurityControls {
    private final PgControlStore store;
    private final EnrollmentService enrollment;
    private final Consumer<RevocationEvent> publisher;
    private final String portalUrl;
    private final Clock clock;

    public SecurityControls(PgControlStore store, EnrollmentService enrollment, Consumer<RevocationEvent> publisher, String portalUrl,
                            Clock clock) {
        this.store = store;
        this.enrollment = enrollment;
        this.publisher = publisher;
        this.portalUrl = portalUrl;
        this.clock = clock;
    }

    public Future<NodeView> withdraw(NodeDecisionRequest q) {
        return notSelf(q)
            .compose(id -> store.decide(id, Set.of("approved"), "pending", Inputs.actor(q.actor()),
                q.reason() == null ? "approval withdrawn" : Inputs.reason(q.reason()), clock.instant()))
            .onSuccess(node -> publisher.accept(new RevocationEvent(node.nodeId(), true, node.decidedAt())));
    }

    public Future<ReenrollReply> reenroll(NodeDecisionRequest q) {
        return notSelf(q)
            .compose(id -> store.decide(id, Set.of("pending", "approved"), "revoked", Inputs.actor(q.actor()),
                q.reason() == null ? "re-enrollment forced" : Inputs.reason(q.reason()), clock.instant()))
            .onSuccess(node -> publisher.accept(new RevocationEvent(node.nodeId(), true, node.decidedAt())))
            .compose(node -> enrollment.createToken(new EnrollTokenRequest(node.org(), node.roles(), node.ring(), 24 * 60, q.actor(),
                    portalUrl))
                .map(token -> new ReenrollReply(node, token)));
    }

    /** The node id of a decision that may not target the control node itself (it holds the CA). */
    private Future<String> notSelf(NodeDecisionRequest q) {
        return EnrollmentService.attempt(() -> Inputs.nodeId(q.nodeId()))
            .compose(id -> store.node(id).map(found -> {
                NodeView node = found.orElseThrow(() -> MeshException.notFound("no enrolled node " + id));
                if ("self".equals(node.decidedBy())) {
                    throw new MeshException(ErrorCode.CONFLICT, "node " + id + " holds the deployment CA; rotate the CA instead");
                }
                return id;
            }));
    }
}
