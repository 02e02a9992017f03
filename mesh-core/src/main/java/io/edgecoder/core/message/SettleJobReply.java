package io.edgecoder.core.message;

import java.util.Map;

/**
 * The outcome of a settlement; identical for repeated requests.
 *
 * @param chargedMilli milli-credits moved from the requester
 * @param entries ledger entries written for this job (in total, not only by this request)
 * @param charges what each contribution of the request cost the payer (its earn, fee and reserve entries), by attempt id;
 *     empty for an unverified job
 */
public record SettleJobReply(String jobId, long chargedMilli, int entries, Map<String, Long> charges) {

    public SettleJobReply {
        charges = charges == null ? Map.of() : Map.copyOf(charges);
    }

    /** A reply without charges per contribution. */
    public SettleJobReply(String jobId, long chargedMilli, int entries) {
        this(jobId, chargedMilli, entries, Map.of());
    }
}
