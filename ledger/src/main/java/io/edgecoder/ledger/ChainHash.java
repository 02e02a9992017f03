package io.edgecoder.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The canonical encoding of an entry and its hash (docs/ledger.md): SHA-256 over
 * <pre>
 *   "ECL1"                       4 ASCII bytes, format tag
 *   seq                          int64 big-endian
 *   at                           int64 big-endian, microseconds since 1970-01-01T00:00:00Z
 *   kind, from, to               each: uint32 big-endian UTF-8 length, then the UTF-8 bytes
 *   amount_milli                 int64 big-endian
 *   reference, idempotency_key   each: uint32 length + UTF-8 bytes
 *   prev_hash                    32 bytes (genesis: 32 zero bytes)
 * </pre>
 * Length prefixes make the encoding injective: no two different entries share an encoding.
 */
public final class ChainHash {
    public static final int SIZE = 32;
    /** Bytes of {@link #encodeStart}: tag, seq and time. */
    public static final int START_SIZE = 4 + 8 + 8;
    private static final byte[] TAG = {'E', 'C', 'L', '1'};
    private static final byte[] GENESIS = new byte[SIZE];

    private ChainHash() {
    }

    /** The previous hash of entry 1. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** Truncates a time to the precision that is stored and hashed. */
    public static Instant truncate(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    public static byte[] of(LedgerEntry e) {
        return of(sha256(), e);
    }

    /** {@link #of(LedgerEntry)} with a caller's digest (reset on return), to avoid a provider look-up per entry. */
    public static byte[] of(MessageDigest md, LedgerEntry e) {
        return md.digest(encode(e.seq(), e.at(), e.kind().id(), e.from(), e.to(), e.amountMilli(), e.reference(),
            e.idempotencyKey(), e.prevHash()));
    }

    /**
     * Writes the fixed start of the encoding (tag, seq, at) to {@code dst} at {@code off}; the
     * rest is length-prefixed fields written by the caller in the order above. Answers the
     * offset after it. Used by verifiers that encode into reusable buffers.
     */
    public static int encodeStart(byte[] dst, int off, long seq, long atMicros) {
        System.arraycopy(TAG, 0, dst, off, TAG.length);
        putLong(dst, off + TAG.length, seq);
        putLong(dst, off + TAG.length + 8, atMicros);
        return off + START_SIZE;
    }

    /** Writes {@code v} big-endian at {@code off}. */
    public static void putInt(byte[] dst, int off, int v) {
        dst[off] = (byte) (v >>> 24);
        dst[off + 1] = (byte) (v >>> 16);
        dst[off + 2] = (byte) (v >>> 8);
        dst[off + 3] = (byte) v;
    }

    /** Writes {@code v} big-endian at {@code off}. */
    public static void putLong(byte[] dst, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            dst[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    public static byte[] of(long seq, Instant at, String kind, String from, String to, long amountMilli,
                            String reference, String idempotencyKey, byte[] prevHash) {
        return digest(encode(seq, at, kind, from, to, amountMilli, reference, idempotencyKey, prevHash));
    }

    /** The canonical bytes that are hashed. */
    public static byte[] encode(long seq, Instant at, String kind, String from, String to, long amountMilli,
                                String reference, String idempotencyKey, byte[] prevHash) {
        if (prevHash == null || prevHash.length != SIZE) {
            throw new IllegalArgumentException("previous hash must be 32 bytes");
        }
        byte[][] texts = {utf8(kind), utf8(from), utf8(to), utf8(reference), utf8(idempotencyKey)};
        int size = TAG.length + 8 + 8 + 8 + SIZE;
        for (byte[] t : texts) {
            size += 4 + t.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put(TAG).putLong(seq).putLong(micros(at));
        putText(buf, texts[0]);
        putText(buf, texts[1]);
        putText(buf, texts[2]);
        buf.putLong(amountMilli);
        putText(buf, texts[3]);
        putText(buf, texts[4]);
        buf.put(prevHash);
        return buf.array();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putText(ByteBuffer buf, byte[] text) {
        buf.putInt(text.length).put(text);
    }

    public static byte[] digest(byte[] bytes) {
        return sha256().digest(bytes);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
