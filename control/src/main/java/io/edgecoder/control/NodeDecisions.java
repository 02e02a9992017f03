package io.edgecoder.control;

import io.edgecoder.control.impl.PgControlStore;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.message.NodeListReply;
import io.edgecoder.core.message.NodeListRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.message.RevocationEvent;
import io.edgecoder.core.message.RevocationListReply;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An admin's decisions about enrolled nodes: approve or reject a pending node, revoke a pending or
 * approved one. A revocation is published (through {@code publisher}) once it is committed, so
 * every node refuses the revoked node's next message.
 */
public final class NodeDecisions {
    private static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "revoked");
    private static final int MAX_LIST = 1000;

    private final PgControlStore store;
    private final Consumer<RevocationEvent> publisher;
    private final Clock clock;

    public NodeDecisions(PgControlStore store, Consumer<RevocationEvent> publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Approves a pending node. A node that already holds a certificate (its approval was withdrawn)
     * is published as reinstated, so its messages are accepted again.
     */
    public Future<NodeView> approve(NodeDecisionRequest q) {
        return decide(q, Set.of("pending"), "approved").onSuccess(node -> {
            if (node.certSerial() != null) {
                publisher.accept(new RevocationEvent(node.nodeId(), false, node.decidedAt()));
            }
        });
    }

    public Future<NodeView> reject(NodeDecisionRequest q) {
        return decide(q, Set.of("pending"), "rejected");
    }

    public Future<NodeView> revoke(NodeDecisionRequest q) {
        return decide(q, Set.of("pending", "approved"), "revoked")
            .onSuccess(node -> publisher.accept(new RevocationEvent(node.nodeId(), true, node.decidedAt())));
    }

    private Future<NodeView> decide(NodeDecisionRequest q, Set<String> from, String to) {
        return EnrollmentService.attempt(() -> Inputs.nodeId(q.nodeId()))
            .compose(id -> store.decide(id, from, to, Inputs.actor(q.actor()), Inputs.reason(q.reason()), clock.instant(), q.org()));
    }

    public Future<NodeListReply> list(NodeListRequest q) {
        if (q.status() != null && !STATUSES.contains(q.status())) {
            return Future.failedFuture(MeshException.badRequest("status: one of pending, approved, rejected, revoked"));
        }
        return store.nodes(q.status(), q.org(), MAX_LIST).map(NodeListReply::new);
    }

    public Future<RevocationListReply> revoked() {
        return store.revoked().map(RevocationListReply::new);
    }
}
