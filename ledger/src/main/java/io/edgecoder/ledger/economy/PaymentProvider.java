package io.edgecoder.ledger.economy;

import io.vertx.core.Future;

/**
 * How a payment intent is paid and how its payment is proven. {@link #open} turns a created
 * intent into something the payer can act on (an invoice, instructions); {@link #verify}
 * checks a settlement proof. Shipped: {@link ManualProvider} (an operator confirms) and
 * {@link LightningProvider} (BOLT11 invoice in, preimage proof out).
 */
public interface PaymentProvider {

    /** What the payer is given, and the provider's reference for the payment. */
    record Opened(String providerRef, String instructions) {
    }

    String id();

    Future<Opened> open(String intentId, long sats, long creditsMilli);

    /** True when {@code proof} proves payment of the intent opened with {@code providerRef}. */
    boolean verify(String providerRef, String proof);
}
