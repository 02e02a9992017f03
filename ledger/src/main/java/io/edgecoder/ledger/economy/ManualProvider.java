package io.edgecoder.ledger.economy;

import io.vertx.core.Future;

/**
 * An operator confirms the payment by hand (bank transfer, cash, an on-chain payment they
 * watched). The proof is the operator's confirmation note, which must name the intent.
 */
public final class ManualProvider implements PaymentProvider {
    public static final String ID = "manual";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Future<Opened> open(String intentId, long sats, long creditsMilli) {
        return Future.succeededFuture(new Opened("manual:" + intentId,
            "pay " + sats + " sats to the operator, quoting " + intentId + "; the operator confirms the intent"));
    }

    @Override
    public boolean verify(String providerRef, String proof) {
        return proof != null && !proof.isBlank() && proof.contains(providerRef.substring("manual:".length()));
    }
}
