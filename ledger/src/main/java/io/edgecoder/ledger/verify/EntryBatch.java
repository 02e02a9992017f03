package io.edgecoder.ledger.verify;

import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A reusable batch of decoded entries for {@link BatchVerifier}, kept as arrays instead of
 * objects. Each entry is stored as its canonical encoding ({@link ChainHash}) in one byte
 * arena, written field by field as it is decoded, so hashing it is a single digest call over
 * bytes already in place; the stored hash sits beside it. A slot may instead hold a decoding
 * failure (a "reject"), and a batch may end with an I/O failure or the end of the input.
 * Build an entry with {@link #begin}, five {@code text} calls (kind, from, to, reference, key)
 * with {@link #amount} after the third, {@link #prev}, {@link #hash}, then {@link #commit}.
 * Not thread-safe: one thread fills it, then hands it over.
 */
public final class EntryBatch {
    static final byte ENTRY = 0;
    static final byte REJECT = 1;
    static final byte REJECT_NEXT = 2;
    static final byte BAD_PREV = 1;
    static final byte BAD_HASH = 2;
    static final byte NULL_TEXT = 4;
    private static final byte[][] KINDS = Arrays.stream(EntryKind.values())
        .map(k -> k.id().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private byte[] arena = new byte[1 << 16];
    private int used;
    private int size;
    private byte[] type;
    private byte[] flags;
    private long[] seq;
    private long[] amount;
    private int[] start;
    private int[] end;
    private int[] fields;
    private byte[] hashes;
    private String[] messages;
    private int field;
    private Exception error;
    private boolean last;

    public EntryBatch(int capacity) {
        grow(Math.max(1, capacity));
    }

    /** Empties the batch for reuse. */
    public void clear() {
        used = 0;
        size = 0;
        error = null;
        last = false;
    }

    public int size() {
        return size;
    }

    /** The sequence number of the last slot (0 for a reject without one; no slot: 0). */
    public long lastSeq() {
        return size == 0 ? 0 : seq[size - 1];
    }

    /** Starts an entry: writes tag, seq and time of the canonical encoding. */
    public void begin(long entrySeq, long atMicros) {
        if (size == type.length) {
            grow(size * 2);
        }
        ensure(ChainHash.START_SIZE);
        type[size] = ENTRY;
        flags[size] = 0;
        seq[size] = entrySeq;
        start[size] = used;
        field = 0;
        used = ChainHash.encodeStart(arena, used, entrySeq, atMicros);
    }

    /** The next text field as UTF-8 bytes {@code src[off, off+len)}. */
    public void text(byte[] src, int off, int len) {
        ensure(4 + len);
        mark(len);
        System.arraycopy(src, off, arena, used, len);
        used += len;
    }

    /** The next text field; null marks the entry as undecodable at its hash check. */
    public void text(String s) {
        if (s == null) {
            flags[size] |= NULL_TEXT;
            text(new byte[0], 0, 0);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        text(utf8, 0, utf8.length);
    }

    private void mark(int len) {
        ChainHash.putInt(arena, used, len);
        if (field < 3) {
            fields[size * 6 + field * 2] = used + 4;
            fields[size * 6 + field * 2 + 1] = len;
        }
        used += 4;
        field++;
    }

    public void amount(long milli) {
        ensure(8);
        amount[size] = milli;
        ChainHash.putLong(arena, used, milli);
        used += 8;
    }

    /** The stored previous hash; one of another length than 32 (or null) fails the link check. */
    public void prev(byte[] src, int off, int len) {
        ensure(ChainHash.SIZE);
        if (src == null || len != ChainHash.SIZE) {
            flags[size] |= BAD_PREV;
            Arrays.fill(arena, used, used + ChainHash.SIZE, (byte) 0);
        } else {
            System.arraycopy(src, off, arena, used, ChainHash.SIZE);
        }
        used += ChainHash.SIZE;
    }

    /** The stored hash; one of another length than 32 (or null) fails the hash check. */
    public void hash(byte[] src, int off, int len) {
        if (src == null || len != ChainHash.SIZE) {
            flags[size] |= BAD_HASH;
        } else {
            System.arraycopy(src, off, hashes, size * ChainHash.SIZE, ChainHash.SIZE);
        }
    }

    /** Completes the entry begun last. */
    public void commit() {
        end[size] = used;
        size++;
    }

    /** Drops the entry begun last (its decoding was abandoned). */
    public void rollback() {
        used = start[size];
    }

    /** Adds a whole entry object. */
    public void add(LedgerEntry e) {
        begin(e.seq(), ChainHash.micros(e.at()));
        text(e.kind().id());
        text(e.from());
        text(e.to());
        amount(e.amountMilli());
        text(e.reference());
        text(e.idempotencyKey());
        byte[] p = e.prevHash();
        prev(p, 0, p == null ? 0 : p.length);
        byte[] h = e.hash();
        hash(h, 0, h == null ? 0 : h.length);
        commit();
    }

    /** An entry that could not be decoded: verification fails at {@code entrySeq} with {@code message}. */
    public void reject(long entrySeq, String message) {
        addReject(REJECT, entrySeq, message);
    }

    /** Something that is not an entry where the next one was expected: fails at the next expected seq. */
    public void rejectNext(String message) {
        addReject(REJECT_NEXT, 0, message);
    }

    private void addReject(byte kind, long entrySeq, String message) {
        if (size == type.length) {
            grow(size * 2);
        }
        type[size] = kind;
        seq[size] = entrySeq;
        messages[size] = message;
        start[size] = used;
        end[size] = used;
        size++;
    }

    /** Reading stopped with {@code e} after the entries in this batch; the verifier throws it on reaching it. */
    public void fail(Exception e) {
        error = e;
    }

    /** Marks the end of the input. */
    public void last() {
        last = true;
    }

    public boolean isLast() {
        return last || error != null;
    }

    Exception error() {
        return error;
    }

    byte type(int i) {
        return type[i];
    }

    byte flags(int i) {
        return flags[i];
    }

    long seq(int i) {
        return seq[i];
    }

    long amountAt(int i) {
        return amount[i];
    }

    String message(int i) {
        return messages[i];
    }

    byte[] arena() {
        return arena;
    }

    int fieldOffset(int i, int f) {
        return fields[i * 6 + f * 2];
    }

    int fieldLength(int i, int f) {
        return fields[i * 6 + f * 2 + 1];
    }

    /** Whether the kind of entry {@code i} is a known {@link EntryKind}. */
    boolean knownKind(int i) {
        int off = fieldOffset(i, 0);
        int len = fieldLength(i, 0);
        for (byte[] kind : KINDS) {
            if (Arrays.equals(kind, 0, kind.length, arena, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    String kindText(int i) {
        return new String(arena, fieldOffset(i, 0), fieldLength(i, 0), StandardCharsets.UTF_8);
    }

    boolean prevEquals(int i, byte[] hash) {
        int off = end[i] - ChainHash.SIZE;
        return Arrays.equals(arena, off, end[i], hash, 0, ChainHash.SIZE);
    }

    boolean hashEquals(int i, byte[] hash) {
        int off = i * ChainHash.SIZE;
        return Arrays.equals(hashes, off, off + ChainHash.SIZE, hash, 0, ChainHash.SIZE);
    }

    /** SHA-256 of entry {@code i}'s encoding into {@code out[0, 32)}. */
    void digest(int i, MessageDigest md, byte[] out) {
        md.update(arena, start[i], end[i] - start[i]);
        try {
            md.digest(out, 0, ChainHash.SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The canonical encoding of entry {@code i} (for tests). */
    byte[] encoding(int i) {
        return Arrays.copyOfRange(arena, start[i], end[i]);
    }

    private void ensure(int n) {
        if (used + n > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, used + n));
        }
    }

    private void grow(int capacity) {
        type = type == null ? new byte[capacity] : Arrays.copyOf(type, capacity);
        flags = flags == null ? new byte[capacity] : Arrays.copyOf(flags, capacity);
        seq = seq == null ? new long[capacity] : Arrays.copyOf(seq, capacity);
        amount = amount == null ? new long[capacity] : Arrays.copyOf(amount, capacity);
        start = start == null ? new int[capacity] : Arrays.copyOf(start, capacity);
        end = end == null ? new int[capacity] : Arrays.copyOf(end, capacity);
        fields = fields == null ? new int[capacity * 6] : Arrays.copyOf(fields, capacity * 6);
        hashes = hashes == null ? new byte[capacity * ChainHash.SIZE] : Arrays.copyOf(hashes, capacity * ChainHash.SIZE);
        messages = messages == null ? new String[capacity] : Arrays.copyOf(messages, capacity);
    }
}
