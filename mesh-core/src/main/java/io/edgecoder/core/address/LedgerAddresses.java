package io.edgecoder.core.address;

/** Event-bus addresses of the ledger. */
public final class LedgerAddresses {
    /**
     * Request {@code SettleJobRequest} → {@code SettleJobReply}: move credits from the
     * requester to each worker in proportion to the CPU time of passed subtasks. Idempotent
     * per job: settling twice changes nothing and returns the same answer. Errors: 400, 503.
     */
    public static final String JOB_SETTLE = "edgecoder.ledger.job.settle";
    /** Request {@code BalancesRequest} → {@code BalancesReply}. */
    public static final String BALANCE_LIST = "edgecoder.ledger.balance.list";
    /** Request {@code VerifyRequest} → {@code VerifyReply}: walk the hash chain. */
    public static final String CHAIN_VERIFY = "edgecoder.ledger.chain.verify";

    /**
     * Request {@code InferenceAuthorizeRequest} → {@code InferenceAuthorizeReply}: before a chat call reaches a model,
     * the routing inference role escrows the most the call may cost from its payer (the job's hold, else the
     * actor's account) into {@code call:<callId>}. Idempotent per call id. Inference roles only. Errors: 400,
     * 402 (the payer cannot cover it), 409 (the call id was already settled, or is another payer's), 503.
     */
    public static final String INFERENCE_AUTHORIZE = "edgecoder.ledger.inference.authorize";
    /**
     * Request {@code InferenceUsageRequest} → {@code InferenceUsageReply}: closes an authorized call. A served call
     * (reported by the serving node: the payee is the sender's certified node) pays the priced usage to
     * {@code node:<sender>} and returns the rest; a failed one (reported by the routing node) returns everything.
     * Exactly once per call id. Inference roles only. Errors: 400, 404 (never authorized), 409 (already closed
     * otherwise), 503.
     */
    public static final String INFERENCE_SETTLE = "edgecoder.ledger.inference.settle";
    /**
     * Request {@code InferenceAllowanceRequest} → {@code InferenceAllowanceReply}: a routing inference role asks for a
     * standing allowance of an account, escrowed ahead of its calls: the ledger moves up to {@code amountMilli} (at least
     * {@code minMilli}) from {@code user:<actor>} into {@code allowance:<allowanceId>}, records the sender's certified
     * node as the allowance's routing node and answers with the prices to admit calls by. The routing node's calls then
     * draw on it ({@code INFERENCE_AUTHORIZE} with {@code allowanceId}) without waiting. Idempotent per allowance id.
     * Inference roles only. Errors: 400, 402 (the account cannot cover even {@code minMilli}), 409 (the id is another
     * node's or account's, or closed), 503.
     */
    public static final String INFERENCE_ALLOWANCE_GRANT = "edgecoder.ledger.inference.allowance.grant";
    /**
     * Request {@code InferenceAllowanceCloseRequest} → {@code InferenceAllowanceCloseReply}: the routing node retires an
     * allowance; it takes no new draws, and once its calls are settled its unused rest goes back to the payer, once
     * (the ledger's sweep finishes what waits, and closes allowances that expired or whose routing node left).
     * Idempotent. Inference roles only; only the allowance's own routing node. Errors: 400, 403, 404, 503.
     */
    public static final String INFERENCE_ALLOWANCE_CLOSE = "edgecoder.ledger.inference.allowance.close";

    private LedgerAddresses() {
    }
}
