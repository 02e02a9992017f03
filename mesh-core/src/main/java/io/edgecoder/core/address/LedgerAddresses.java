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

    private LedgerAddresses() {
    }
}
