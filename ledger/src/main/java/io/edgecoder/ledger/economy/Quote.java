package io.edgecoder.ledger.economy;

import io.edgecoder.core.NodeIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed offer to exchange credits and sats at a BTC price, valid until {@code expiresAt}.
 * The issuing node's Ed25519 signature covers {@link #signedBytes()}:
 * <pre>
 *   "ECQ1" | uint32 len + UTF-8 id | uint32 len + UTF-8 direction | int64 credits_milli
 *   | int64 sats | int64 usd_per_btc | int64 credit_usd_micro | int64 created (µs) | int64 expires (µs)
 * </pre>
 *
 * @param direction {@code buy} (credits for sats) or {@code sell} (sats for credits)
 */
public record Quote(String id, String direction, long creditsMilli, long sats, long usdPerBtc, long creditUsdMicro,
                    Instant createdAt, Instant expiresAt, String signerKey, byte[] signature) {

    public byte[] signedBytes() {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] dir = direction.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + 4 + idBytes.length + 4 + dir.length + 8 * 6)
            .put(new byte[] {'E', 'C', 'Q', '1'})
            .putInt(idBytes.length).put(idBytes).putInt(dir.length).put(dir)
            .putLong(creditsMilli).putLong(sats).putLong(usdPerBtc).putLong(creditUsdMicro)
            .putLong(micros(createdAt)).putLong(micros(expiresAt)).array();
    }

    /** Whether {@code other} is this quote: the same signed fields, signer key and signature. */
    public boolean sameAs(Quote other) {
        return other != null && Objects.equals(id, other.id) && Objects.equals(direction, other.direction)
            && creditsMilli == other.creditsMilli && sats == other.sats && usdPerBtc == other.usdPerBtc
            && creditUsdMicro == other.creditUsdMicro && Objects.equals(createdAt, other.createdAt)
            && Objects.equals(expiresAt, other.expiresAt) && Objects.equals(signerKey, other.signerKey)
            && Arrays.equals(signature, other.signature);
    }

    /** Whether the signature verifies with {@code signerKey} (which says nothing about whose key that is). */
    public boolean signatureValid() {
        return signerKey != null && signature != null && NodeIdentity.verify(signerKey, signedBytes(), signature);
    }

    Quote signedWith(String key, byte[] sig) {
        return new Quote(id, direction, creditsMilli, sats, usdPerBtc, creditUsdMicro, createdAt, expiresAt, key, sig);
    }

    private static long micros(Instant at) {
        return io.edgecoder.ledger.ChainHash.micros(at);
    }
}
