package io.edgecoder.control;

import io.edgecoder.control.impl.CertificateAuthority;
import io.edgecoder.control.impl.PgControlStore;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Ownership;
import io.edgecoder.core.message.CertRenewReply;
import io.edgecoder.core.message.CertRenewRequest;
import io.edgecoder.core.message.EnrollReply;
import io.edgecoder.core.message.EnrollRequest;
import io.edgecoder.core.message.EnrollStatusReply;
import io.edgecoder.core.message.EnrollStatusRequest;
import io.edgecoder.core.message.EnrollTokenReply;
import io.edgecoder.core.message.EnrollTokenRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.trust.Caller;
import io.edgecoder.core.trust.EnrollmentToken;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Future;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Enrollment as the control role does it: tokens an admin creates, nodes that present one with a
 * proof of their key and wait as pending, and their certificates once approved (and renewed
 * while they stay approved). Decisions are in {@link NodeDecisions}. Input is checked here; the
 * store enforces single use and status changes under row locks.
 */
public final class EnrollmentService {
    /** The most worker slots a node may enrol with (as many as a certificate can name). */
    static final int MAX_SLOTS = 4096;

    /** How far a node's clock may be from ours when it proves its key for a status request. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    /**
     * @param defaultOrg organisation of tokens that name none (the control node's)
     * @param maxTokenTtl longest validity of a token
     * @param joinAddress host:port of a cluster member, for the command shown with a token
     */
    public record Policy(String defaultOrg, Duration maxTokenTtl, String joinAddress) {
    }

    private final PgControlStore store;
    private final CertificateAuthority ca;
    private final Policy policy;
    private final Clock clock;

    public EnrollmentService(PgControlStore store, CertificateAuthority ca, Policy policy, Clock clock) {
        this.store = store;
        this.ca = ca;
        this.policy = policy;
        this.clock = clock;
    }

    public Future<EnrollTokenReply> createToken(EnrollTokenRequest q) {
        return attempt(() -> grant(q)).compose(made -> store.createToken(made.grant()).map(v -> reply(made)));
    }

    private record Made(TokenGrant grant, String token) {
    }

    private Made grant(EnrollTokenRequest q) {
        String org = tokenOrg(q);
        List<String> roles = Inputs.roles(q.roles(), true);
        String ring = Inputs.ring(q.ring());
        long maxMinutes = policy.maxTokenTtl().toMinutes();
        if (q.ttlMinutes() < 1 || q.ttlMinutes() > maxMinutes) {
            throw MeshException.badRequest("ttlMinutes: must be within 1.." + maxMinutes);
        }
        String actor = Inputs.actor(q.actor());
        EnrollmentToken token;
        try {
            token = EnrollmentToken.create(q.portalUrl(), ca.fingerprint());
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest("portalUrl: must be an http(s) URL of at most 512 characters");
        }
        Instant now = clock.instant();
        return new Made(new TokenGrant(token.secretHash(), org, roles, ring, actor, now, now.plus(Duration.ofMinutes(q.ttlMinutes()))),
            token.encode());
    }

    /** The token's organisation: as asked, else the owner's, else the control node's; an owner only for their own. */
    private String tokenOrg(EnrollTokenRequest q) {
        String asked = q.org() == null ? q.ownerOrg() : q.org();
        String org = asked == null ? policy.defaultOrg() : Inputs.name("org", asked);
        if (!Ownership.mayManageNode(q.ownerOrg(), org)) {
            throw new MeshException(ErrorCode.FORBIDDEN, "org: a coordinator-owner may create tokens only for their organisation "
                + q.ownerOrg());
        }
        return org;
    }

    private EnrollTokenReply reply(Made made) {
        TokenGrant g = made.grant();
        String command = "edgecoder up --enroll " + made.token() + " --roles " + String.join(",", g.roles())
            + (Ring.CORE.id().equals(g.ring()) ? " --join " + policy.joinAddress() : "");
        return new EnrollTokenReply(made.token(), g.expiresAt(), g.org(), g.roles(), g.ring(), command);
    }

    /** A new node: proof checked, then the token is spent and the node recorded as pending. */
    public Future<EnrollReply> enroll(EnrollRequest q) {
        return attempt(() -> check(q))
            .compose(e -> store.enroll(e, clock.instant()))
            .map(node -> new EnrollReply(node.nodeId(), node.status(), node.keyFingerprint()));
    }

    private static Enrollment check(EnrollRequest q) {
        EnrollmentToken token;
        try {
            token = EnrollmentToken.parse(q.token());
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest("token: " + e.getMessage());
        }
        PublicKey key = Inputs.publicKey(q.publicKey());
        if (!NodeIdentity.verify(q.publicKey(), EnrollmentToken.enrollProof(q.token()), Inputs.signature(q.proof()))) {
            throw new MeshException(ErrorCode.UNAUTHORIZED, "proof: not a signature by this key over the token");
        }
        String nodeId = NodeIdentity.nodeIdOf(key);
        if (q.nodeId() != null && !q.nodeId().equals(nodeId)) {
            throw new MeshException(ErrorCode.FORBIDDEN, "nodeId: " + Inputs.clip(q.nodeId()) + " is not the id of this key ("
                + nodeId + "); a node id is derived from its key and cannot be chosen");
        }
        if (q.slots() < 0 || q.slots() > MAX_SLOTS) {
            throw MeshException.badRequest("slots: must be within 0.." + MAX_SLOTS);
        }
        return new Enrollment(token.secretHash(), q.publicKey(), NodeIdentity.keyFingerprint(key), nodeId,
            Inputs.roles(q.roles(), false), q.slots());
    }

    /** A node proving its key asks for its status; approved nodes get certificates. */
    public Future<EnrollStatusReply> status(EnrollStatusRequest q) {
        return attempt(() -> Inputs.nodeId(q.nodeId()))
            .compose(id -> store.node(id))
            .map(found -> proven(found.orElseThrow(() -> MeshException.notFound("no enrolled node " + q.nodeId())), q))
            .compose(this::answer);
    }

    private NodeView proven(NodeView node, EnrollStatusRequest q) {
        if (Math.abs(clock.millis() - q.time()) > MAX_SKEW.toMillis()) {
            throw new MeshException(ErrorCode.UNAUTHORIZED, "time: more than " + MAX_SKEW.toMinutes()
                + " minutes off the control node's clock (check the clocks)");
        }
        if (!NodeIdentity.verify(node.publicKey(), EnrollmentToken.statusProof(node.nodeId(), q.time()), Inputs.signature(q.proof()))) {
            throw new MeshException(ErrorCode.UNAUTHORIZED, "proof: not a signature by node " + node.nodeId() + "'s key");
        }
        return node;
    }

    private Future<EnrollStatusReply> answer(NodeView node) {
        if (!"approved".equals(node.status())) {
            return Future.succeededFuture(new EnrollStatusReply(node.nodeId(), node.status(), node.reason(), null, null, null));
        }
        return ca.issueBoth(node)
            .compose(issued -> store.recordCertificate(node.nodeId(), issued.message().serial(), issued.message().notAfter())
                .map(v -> new EnrollStatusReply(node.nodeId(), "approved", node.reason(), issued.messagePem(), issued.tlsPem(),
                    issued.caPem())));
    }

    /** A new message certificate for the calling node itself, while it stays approved. */
    public Future<CertRenewReply> renew(CertRenewRequest q, Caller caller) {
        if (q.nodeId() == null || !q.nodeId().equals(caller.nodeId())) {
            return Future.failedFuture(new MeshException(ErrorCode.FORBIDDEN, "node " + caller.nodeId()
                + " may renew only its own certificate"));
        }
        return store.node(q.nodeId())
            .map(found -> found.orElseThrow(() -> MeshException.notFound("node " + q.nodeId() + " was not enrolled here")))
            .compose(node -> {
                if (!"approved".equals(node.status())) {
                    throw new MeshException(ErrorCode.FORBIDDEN, "node " + node.nodeId() + " is " + node.status() + ": no certificate");
                }
                return ca.issueMessage(node);
            })
            .compose(issued -> store.recordCertificate(q.nodeId(), issued.message().serial(), issued.message().notAfter())
                .map(v -> new CertRenewReply(issued.messagePem(), issued.caPem())));
    }

    static <T> Future<T> attempt(Supplier<T> work) {
        try {
            return Future.succeededFuture(work.get());
        } catch (MeshException e) {
            return Future.failedFuture(e);
        }
    }
}
