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

    private LedgerAddresses() {
    }
}
