package io.edgecoder.core.address;

/**
 * Event-bus addresses of the control role: enrollment tokens, node approvals and revocations,
 * certificate renewal. Admin actions (token create, approve, reject, revoke, list) are accepted
 * only from portal or control nodes acting for an authenticated admin, named in the request's
 * {@code actor}; {@link io.edgecoder.core.trust.BusPolicy} enforces the sender's role. Failures carry
 * {@link io.edgecoder.core.ErrorCode} codes.
 */
public final class ControlAddresses {
    /**
     * Request {@code EnrollTokenRequest} → {@code EnrollTokenReply}: a single-use enrollment token
     * bound to an organisation, roles and ring, expiring after {@code ttlMinutes}; the token is in the
     * reply once and stored only as its hash. Errors: 400 bad field.
     */
    public static final String TOKEN_CREATE = "edgecoder.control.token.create";
    /**
     * Request {@code EnrollRequest} → {@code EnrollReply}: a new node presents a token, its public key
     * and a signature over the token by that key; it is recorded as pending and the token is spent.
     * Errors: 400 malformed, 401 unknown or expired token or bad proof, 403 roles beyond the token's,
     * 409 token already used or node already enrolled.
     */
    public static final String NODE_ENROLL = "edgecoder.control.node.enroll";
    /**
     * Request {@code EnrollStatusRequest} → {@code EnrollStatusReply}: an enrolled node, proving
     * possession of its key, asks whether it is approved; approved nodes get their certificates.
     * Errors: 400 malformed, 401 bad or stale proof, 404 unknown node.
     */
    public static final String NODE_STATUS = "edgecoder.control.node.status";
    /** Request {@code NodeListRequest} → {@code NodeListReply}: enrolled nodes, optionally by status. Errors: 400. */
    public static final String NODE_LIST = "edgecoder.control.node.list";
    /** Request {@code NodeDecisionRequest} → {@code NodeView}: pending → approved. Errors: 400, 404, 409 not pending. */
    public static final String NODE_APPROVE = "edgecoder.control.node.approve";
    /** Request {@code NodeDecisionRequest} → {@code NodeView}: pending → rejected. Errors: 400, 404, 409 not pending. */
    public static final String NODE_REJECT = "edgecoder.control.node.reject";
    /**
     * Request {@code NodeDecisionRequest} → {@code NodeView}: pending or approved → revoked; a
     * {@code RevocationEvent} is published on {@link #REVOCATION_EVENTS}. Errors: 400, 404, 409 already
     * rejected or revoked.
     */
    public static final String NODE_REVOKE = "edgecoder.control.node.revoke";
    /**
     * Request {@code CertRenewRequest} → {@code CertRenewReply}: a new message certificate for the
     * calling node itself (the caller's node id must be the request's). Errors: 403 another node's
     * id or the node is revoked, 404 the node was not enrolled here.
     */
    public static final String CERT_RENEW = "edgecoder.control.cert.renew";
    /**
     * Publish {@code RevocationEvent}, from the control role only: every node applies it to the
     * trust of its bus at once, so a revoked node's next message is refused.
     */
    public static final String REVOCATION_EVENTS = "edgecoder.control.revocation.events";
    /**
     * Request {@code RevocationListRequest} → {@code RevocationListReply}: every revoked node id; a
     * node loads it at start and now and then, so it catches up on events it missed.
     */
    public static final String REVOCATION_LIST = "edgecoder.control.revocation.list";

    private ControlAddresses() {
    }
}
