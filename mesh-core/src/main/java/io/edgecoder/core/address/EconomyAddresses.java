package io.edgecoder.core.address;

/**
 * Event-bus addresses of the economy, served by the ledger role (docs/economy.md). All are
 * requests with JSON records from {@code io.edgecoder.core.message}, except {@link #LOAD_REPORT}.
 * Errors travel as {@code ErrorCode} statuses: 400 invalid, 404 unknown, 409 conflict, 422
 * refused by policy (insufficient credits, expired quote, bad payment proof), 503 unavailable.
 */
public final class EconomyAddresses {
    /** Request {@code JobHoldRequest} → {@code JobHoldReply}: escrow a job's budget. Errors: 400, 409, 422, 503. */
    public static final String JOB_HOLD = "edgecoder.economy.hold.create";
    /** Request {@code PriceRequest} → {@code PriceReply}: the current CPU-second price. */
    public static final String PRICE_GET = "edgecoder.economy.price.get";
    /** Send {@code LoadReport} (no reply): a coordinator's view of demand and capacity; moves the price. */
    public static final String LOAD_REPORT = "edgecoder.economy.load.report";
    /** Request {@code AccountHistoryRequest} → {@code AccountHistoryReply}: paged entries of an account. Errors: 400. */
    public static final String ACCOUNT_HISTORY = "edgecoder.economy.history.list";
    /** Request {@code QuoteRequest} → {@code QuoteView}: a signed credits ↔ sats quote. Errors: 400, 503 (no BTC price). */
    public static final String QUOTE_CREATE = "edgecoder.economy.quote.create";
    /** Request {@code IntentCreateRequest} → {@code IntentView}. Errors: 400 (altered quote), 409, 422 (expired quote). */
    public static final String INTENT_CREATE = "edgecoder.economy.intent.create";
    /** Request {@code IntentSettleRequest} → {@code IntentView}: mints once. Errors: 404, 409, 422 (bad proof). */
    public static final String INTENT_SETTLE = "edgecoder.economy.intent.settle";
    /** Request {@code IntentGetRequest} → {@code IntentView}. Errors: 404. */
    public static final String INTENT_GET = "edgecoder.economy.intent.get";
    /** Request {@code IssuanceListRequest} → {@code IssuanceListReply}: issuance windows, newest first. */
    public static final String ISSUANCE_LIST = "edgecoder.economy.issuance.list";
    /** Request {@code CheckpointListRequest} → {@code CheckpointListReply}. */
    public static final String CHECKPOINT_LIST = "edgecoder.economy.checkpoint.list";
    /** Request {@code InclusionProofRequest} → {@code InclusionProofReply}. Errors: 404, 409 (entries changed). */
    public static final String PROOF_INCLUSION = "edgecoder.economy.proof.inclusion";
    /** Request {@code ConsistencyProofRequest} → {@code ConsistencyProofReply}. Errors: 400, 404, 409. */
    public static final String PROOF_CONSISTENCY = "edgecoder.economy.proof.consistency";

    /**
     * Request {@code AnchorSubmitRequest} → {@code AnchorView}: records that a checkpoint's root
     * (the anchor digest) is submitted to a timestamping service; the same request again answers
     * the same anchor. Errors: 400 (service not 1..64 of [a-z0-9._-]), 404 (no such checkpoint).
     */
    public static final String ANCHOR_SUBMIT = "edgecoder.economy.anchor.submit";
    /**
     * Request {@code AnchorProveRequest} → {@code AnchorView}: records the service's proof (base64,
     * at most 64 KiB decoded); the same proof again answers the same anchor. Errors: 400 (bad
     * service or proof), 404 (no such checkpoint, or no anchor submitted to that service yet),
     * 409 (a different proof is already recorded).
     */
    public static final String ANCHOR_PROVE = "edgecoder.economy.anchor.prove";
    /** Request {@code AnchorListRequest} → {@code AnchorListReply}: anchors of one or every checkpoint. Errors: 400. */
    public static final String ANCHOR_LIST = "edgecoder.economy.anchor.list";

    private EconomyAddresses() {
    }
}
