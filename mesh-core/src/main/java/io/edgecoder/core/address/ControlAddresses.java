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

    // ---- Policy (issue 10): every change below is committed with a new policy version, written to the
    // hash-chained audit, and published on POLICY_EVENTS. Operator requests come from portal or control
    // nodes (BusPolicy) acting for an authenticated operator named in the request's {@code actor}.

    /**
     * Request {@code ControlStatusRequest} → {@code ControlStatusReply}: the current policy version, the
     * deployment's mode, and each node's last acknowledgement (applied version, when, its rollouts and
     * health). Errors: 503 no control node.
     */
    public static final String STATUS = "edgecoder.control.status.get";
    /**
     * Request {@code NodeDecisionRequest} → {@code NodeView}: approved → pending (the approval is
     * withdrawn); its certificates are refused from the next message (published as a revocation) until it
     * is approved again. Errors: 400, 404 unknown node, 409 not approved or the control node itself.
     */
    public static final String NODE_WITHDRAW = "edgecoder.control.node.withdraw";
    /**
     * Request {@code NodeDecisionRequest} → {@code ReenrollReply}: forces re-enrollment: the node is
     * revoked (its next message refused) and a fresh single-use token for its organisation, roles and
     * ring is returned for the operator to hand over. Errors: 400, 404 unknown node, 409 the control
     * node itself.
     */
    public static final String NODE_REENROLL = "edgecoder.control.node.reenroll";
    /**
     * Request {@code ModeGetRequest} → {@code ModeView}: the mode set for an organisation ({@code org}) or
     * for the deployment ({@code org} null) and the effective mode (the stricter of the two).
     * Errors: 400 bad org.
     */
    public static final String MODE_GET = "edgecoder.control.mode.get";
    /** Request {@code ModeListRequest} → {@code ModeListReply}: the deployment's mode and every organisation's. */
    public static final String MODE_LIST = "edgecoder.control.mode.list";
    /**
     * Request {@code ModeSetRequest} → {@code ModeView}: sets {@code local-only}, {@code swarm} or
     * {@code public} for an organisation or (org null) the deployment. Errors: 400 bad mode, org or actor.
     */
    public static final String MODE_SET = "edgecoder.control.mode.set";
    /**
     * Request {@code BlacklistAddRequest} → {@code BlacklistView}: bars a node key, node id, account or
     * organisation ({@code kind} node-key | node | account | org), with reason, evidence link, author and
     * optional expiry. Errors: 400 bad kind, value, reason, evidence, expiry in the past, or actor.
     */
    public static final String BLACKLIST_ADD = "edgecoder.control.blacklist.add";
    /**
     * Request {@code BlacklistRemoveRequest} → {@code BlacklistView}: lifts an entry by id.
     * Errors: 400, 404 unknown id, 409 already removed.
     */
    public static final String BLACKLIST_REMOVE = "edgecoder.control.blacklist.remove";
    /** Request {@code BlacklistListRequest} → {@code BlacklistListReply}: active entries (or all with {@code all}). */
    public static final String BLACKLIST_LIST = "edgecoder.control.blacklist.list";
    /**
     * Request {@code RolloutStartRequest} → {@code RolloutView}: a staged change of settings ({@code kind}
     * config) or agent version ({@code kind} agent) through percentage steps, gated by health.
     * Errors: 400 bad name, kind, steps, settings, gate or actor; 409 a rollout of that name exists.
     */
    public static final String ROLLOUT_START = "edgecoder.control.rollout.start";
    /** Request {@code RolloutActionRequest} → {@code RolloutView}: running → paused. Errors: 400, 404 unknown, 409 not running. */
    public static final String ROLLOUT_PAUSE = "edgecoder.control.rollout.pause";
    /** Request {@code RolloutActionRequest} → {@code RolloutView}: paused → running. Errors: 400, 404, 409 not paused. */
    public static final String ROLLOUT_RESUME = "edgecoder.control.rollout.resume";
    /**
     * Request {@code RolloutActionRequest} → {@code RolloutView}: running, paused or completed → rolled-back
     * (every node drops its settings). Errors: 400, 404, 409 already rolled back.
     */
    public static final String ROLLOUT_ROLLBACK = "edgecoder.control.rollout.rollback";
    /**
     * Request {@code RolloutStatusRequest} → {@code RolloutListReply}: one rollout by name, or all
     * (newest first), with how many nodes are selected and have applied it. Errors: 400, 404 unknown name.
     */
    public static final String ROLLOUT_STATUS = "edgecoder.control.rollout.status";
    /** Request {@code AuditTailRequest} → {@code AuditTailReply}: audit entries after {@code afterSeq}, oldest first. Errors: 400. */
    public static final String AUDIT_TAIL = "edgecoder.control.audit.tail";
    /**
     * Request {@code AuditVerifyRequest} → {@code AuditVerifyReply}: rechecks the audit's hash chain and
     * names the first entry where it breaks.
     */
    public static final String AUDIT_VERIFY = "edgecoder.control.audit.verify";
    /**
     * Publish {@code PolicySnapshot}, from the control role only: the whole policy at a version, after
     * each committed change. Every node applies it ({@code io.edgecoder.core.policy.PolicyApplier}).
     */
    public static final String POLICY_EVENTS = "edgecoder.control.policy.events";
    /**
     * Request {@code PolicyGetRequest} → {@code PolicySnapshot}: the current policy; a node pulls it at
     * start (before its roles take work) and when it sees a gap. Any core node. Errors: 503.
     */
    public static final String POLICY_GET = "edgecoder.control.policy.get";
    /**
     * Publish {@code PolicyAck}: a node says which policy version it applied (and its health); control
     * nodes record it for {@link #STATUS} and the rollout health gate. A node may acknowledge only for
     * itself (the receiving control node compares the caller's id).
     */
    public static final String POLICY_ACKS = "edgecoder.control.policy.acks";

    private ControlAddresses() {
    }
}
