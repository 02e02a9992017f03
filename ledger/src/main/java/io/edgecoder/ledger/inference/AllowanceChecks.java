package io.edgecoder.ledger.inference;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.InferenceAllowanceRequest;
import io.edgecoder.ledger.Accounts;

/** Checks allowance requests; every refusal is a 400 naming the field. */
final class AllowanceChecks {
    static final int MAX_ID = 128;
    private static final long MAX_AMOUNT = 1_000_000_000_000L;

    private AllowanceChecks() {
    }

    static boolean validId(String id) {
        return id != null && id.length() <= MAX_ID && Accounts.validId(id);
    }

    static void check(InferenceAllowanceRequest r, long capMilli) {
        if (r == null) {
            throw MeshException.badRequest("an allowance request is required");
        }
        if (!validId(r.allowanceId())) {
            throw MeshException.badRequest("allowanceId must be 1.." + MAX_ID + " printable ASCII characters without spaces");
        }
        if (r.actor() == null || !Accounts.validId(r.actor().account())) {
            throw MeshException.badRequest("actor: the account whose credits are escrowed is required");
        }
        if (r.minMilli() < 1 || r.amountMilli() < r.minMilli() || r.amountMilli() > MAX_AMOUNT) {
            throw MeshException.badRequest("amounts must be 1 <= minMilli <= amountMilli <= " + MAX_AMOUNT + ", got "
                + r.minMilli() + " and " + r.amountMilli());
        }
        if (r.minMilli() > capMilli) {
            throw MeshException.badRequest("minMilli " + r.minMilli() + " is above the largest allowance this ledger grants ("
                + capMilli + " milli-credits)");
        }
    }
}
