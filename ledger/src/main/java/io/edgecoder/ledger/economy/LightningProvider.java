package io.edgecoder.ledger.economy;

import io.edgecoder.ledger.ChainHash;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Lightning: a BOLT11 invoice in, a preimage proof out. The node behind {@link LightningNode}
 * creates an invoice for the sats; the payer pays it and learns the preimage; the proof is the
 * preimage in hex, accepted when its SHA-256 equals the invoice's payment hash. The provider
 * reference is the payment hash in hex. No Lightning node runs here: deployments plug an
 * implementation of {@link LightningNode} (LND, Core Lightning, ...).
 */
public final class LightningProvider implements PaymentProvider {
    public static final String ID = "lightning";

    /** The contract a Lightning node adapter fulfils. */
    public interface LightningNode {
        Future<Invoice> createInvoice(long sats, String memo, Duration expiry);
    }

    /** A BOLT11 invoice and its payment hash (32 bytes). */
    public record Invoice(String bolt11, byte[] paymentHash) {
    }

    private final LightningNode node;
    private final Duration expiry;

    public LightningProvider(LightningNode node, Duration expiry) {
        this.node = node;
        this.expiry = expiry;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Future<Opened> open(String intentId, long sats, long creditsMilli) {
        return node.createInvoice(sats, "edgecoder credits " + intentId, expiry)
            .map(inv -> new Opened(HexFormat.of().formatHex(inv.paymentHash()), inv.bolt11()));
    }

    @Override
    public boolean verify(String providerRef, String proof) {
        try {
            byte[] hash = ChainHash.digest(HexFormat.of().parseHex(proof));
            return MessageDigest.isEqual(hash, HexFormat.of().parseHex(providerRef));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
