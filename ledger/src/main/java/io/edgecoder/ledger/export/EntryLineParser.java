package io.edgecoder.ledger.export;

import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.verify.EntryBatch;
import java.nio.charset.StandardCharsets;

/**
 * Parses an entry line by hand when it has exactly the form the exporter writes
 * ({@code {"t":"e","seq":…,"at":…,"kind":"…","from":"…","to":"…","amount":…,"ref":"…","key":"…",
 * "prev":"…","hash":"…"}}: these keys in this order, no spaces, integers of at most 18 digits
 * without leading zeros, strings of printable ASCII without escapes, hashes of 64 hex digits).
 * It writes the entry straight into an {@link EntryBatch}. Any other line is declined, and the
 * caller parses it with the general JSON parser, so a line means the same either way.
 */
final class EntryLineParser {
    private static final byte[] SEQ = ascii("{\"t\":\"e\",\"seq\":");
    private static final byte[] AT = ascii(",\"at\":");
    private static final byte[] KIND = ascii(",\"kind\":\"");
    private static final byte[] FROM = ascii("\",\"from\":\"");
    private static final byte[] TO = ascii("\",\"to\":\"");
    private static final byte[] AMOUNT = ascii("\",\"amount\":");
    private static final byte[] REF = ascii(",\"ref\":\"");
    private static final byte[] KEY = ascii("\",\"key\":\"");
    private static final byte[] PREV = ascii("\",\"prev\":\"");
    private static final byte[] HASH = ascii("\",\"hash\":\"");
    private static final byte[] END = ascii("\"}");
    private static final int MAX_DIGITS = 18;

    private final byte[] scratch = new byte[ChainHash.SIZE];
    private byte[] b;
    private int p;
    private int end;
    private long number;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Adds the entry on {@code line[start, end)} to {@code batch}; false, with the batch unchanged, when declined. */
    boolean parse(byte[] line, int start, int lineEnd, EntryBatch batch) {
        b = line;
        p = start;
        end = lineEnd;
        if (!literal(SEQ) || !number()) {
            return false;
        }
        long seq = number;
        if (!literal(AT) || !number()) {
            return false;
        }
        batch.begin(seq, number);
        if (body(batch)) {
            batch.commit();
            return true;
        }
        batch.rollback();
        return false;
    }

    private boolean body(EntryBatch batch) {
        if (!literal(KIND) || !text(batch) || !literal(FROM) || !text(batch) || !literal(TO) || !text(batch)
            || !literal(AMOUNT) || !number()) {
            return false;
        }
        batch.amount(number);
        if (!literal(REF) || !text(batch) || !literal(KEY) || !text(batch) || !literal(PREV) || !hex()) {
            return false;
        }
        batch.prev(scratch, 0, ChainHash.SIZE);
        if (!literal(HASH) || !hex()) {
            return false;
        }
        batch.hash(scratch, 0, ChainHash.SIZE);
        return literal(END) && p == end;
    }

    private boolean literal(byte[] lit) {
        if (end - p < lit.length) {
            return false;
        }
        for (int i = 0; i < lit.length; i++) {
            if (b[p + i] != lit[i]) {
                return false;
            }
        }
        p += lit.length;
        return true;
    }

    /** {@code -?(0|[1-9][0-9]*)} of at most 18 digits, so it fits a long; "-0" is declined. */
    private boolean number() {
        boolean negative = p < end && b[p] == '-';
        int i = negative ? p + 1 : p;
        int first = i;
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9' && i - first < MAX_DIGITS + 1) {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        int digits = i - first;
        if (digits == 0 || digits > MAX_DIGITS || (b[first] == '0' && (digits > 1 || negative))) {
            return false;
        }
        number = negative ? -v : v;
        p = i;
        return true;
    }

    /** A string body up to the next quote: printable ASCII, no backslash. */
    private boolean text(EntryBatch batch) {
        int i = Bytes.stringEnd(b, p, end);
        if (i == end || b[i] != '"') {
            return false;
        }
        batch.text(b, p, i - p);
        p = i;
        return true;
    }

    /** 64 hex digits into {@link #scratch}. */
    private boolean hex() {
        if (end - p < 2 * ChainHash.SIZE) {
            return false;
        }
        for (int i = 0; i < ChainHash.SIZE; i++) {
            int hi = digit(b[p + 2 * i]);
            int lo = digit(b[p + 2 * i + 1]);
            if ((hi | lo) < 0) {
                return false;
            }
            scratch[i] = (byte) (hi << 4 | lo);
        }
        p += 2 * ChainHash.SIZE;
        return true;
    }

    private static int digit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
