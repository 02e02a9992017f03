package io.edgecoder.control;

import io.edgecoder.control.impl.PgAuditLog;
import io.edgecoder.control.impl.PgNodeAcks;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.AuditTailReply;
import io.edgecoder.core.message.AuditTailRequest;
import io.edgecoder.core.message.AuditVerifyReply;
import io.edgecoder.core.message.ControlStatusReply;
import io.edgecoder.core.message.PolicyAck;
import io.edgecoder.core.trust.Caller;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the control plane knows about its nodes and itself: each node's acknowledgement of the
 * policy (recorded, and handed to the rollout health gate), the status that lists them, and the
 * audit's tail and verification.
 */
public final class ControlStatus {
    private static final Logger LOG = LoggerFactory.getLogger(ControlStatus.class);
    private static final int MAX_NODES = 10_000;
    private static final int MAX_TAIL = 1000;

    private final PolicyService policy;
    private final PgNodeAcks acks;
    private final PgAuditLog audit;
    private final HealthGate gate;
    private final Clock clock;

    public ControlStatus(PolicyService policy, PgNodeAcks acks, PgAuditLog audit, HealthGate gate, Clock clock) {
        this.policy = policy;
        this.acks = acks;
        this.audit = audit;
        this.gate = gate;
        this.clock = clock;
    }

    public Future<ControlStatusReply> status() {
        return policy.snapshot().compose(s -> acks.all(MAX_NODES)
            .map(nodes -> new ControlStatusReply(s.version(), s.committedAt(), s.deploymentMode(), nodes)));
    }

    public Future<List<PolicyAck>> acks() {
        return acks.all(MAX_NODES);
    }

    /** Records a node's acknowledgement if the node sent it for itself and it is well formed; otherwise drops it. */
    public Future<Void> ack(PolicyAck ack, Caller caller) {
        if (!plausible(ack) || !(caller == Caller.UNAUTHENTICATED_LOCAL || ack.nodeId().equals(caller.nodeId()))) {
            LOG.debug("dropped a policy acknowledgement of {} sent by {}", ack.nodeId(), caller.nodeId());
            return Future.succeededFuture();
        }
        return acks.record(ack, clock.instant()).compose(v -> gate.onAck(ack));
    }

    private static boolean plausible(PolicyAck a) {
        return a.nodeId() != null && a.nodeId().matches("[A-Za-z0-9_-]{1,64}") && a.appliedAt() != null && a.version() >= 0
            && a.roles().size() <= 16 && a.rollouts().size() <= 100 && a.rollouts().stream().allMatch(r -> r != null && r.length() <= 64)
            && (a.org() == null || a.org().length() <= 64) && (a.agentVersion() == null || a.agentVersion().length() <= 64)
            && (a.health() == null || a.health().runs() >= 0 && a.health().errors() >= 0 && a.health().meanLatencyMs() >= 0);
    }

    public Future<AuditTailReply> tail(AuditTailRequest q) {
        int limit = q.limit() == null ? 50 : q.limit();
        if (limit < 1 || limit > MAX_TAIL) {
            return Future.failedFuture(MeshException.badRequest("limit: must be within 1.." + MAX_TAIL));
        }
        if (q.afterSeq() != null && q.afterSeq() < 0) {
            return Future.failedFuture(MeshException.badRequest("afterSeq: must be 0 or more"));
        }
        return audit.tail(q.afterSeq(), limit).map(AuditTailReply::new);
    }

    public Future<AuditVerifyReply> verify() {
        return audit.verify();
    }
}
