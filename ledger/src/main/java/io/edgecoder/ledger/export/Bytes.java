package io.edgecoder.ledger.export;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time ("SWAR": a long read from the array, bit tricks that
 * flag the bytes of interest, the lowest flag found with a trailing-zero count). The flag
 * tricks may also flag bytes above a true match, never below it, so the lowest flag is exact.
 */
final class Bytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    /** Index of the first {@code \n} or {@code \r} in {@code b[from, to)}, or {@code to}. */
    static int lineEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i);
            long flags = zeroBytes(x ^ ONES * '\n') | zeroBytes(x ^ ONES * '\r');
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
        }
        while (i < to && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i;
    }

    /**
     * Index of the first byte in {@code b[from, to)} that may not stand in a plain JSON string
     * body or ends it: a quote, a backslash, a control byte, DEL or a non-ASCII byte; or {@code to}.
     */
    static int stringEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i);
            long flags = (x & HIGHS) | lessThan(x, 0x20) | zeroBytes(x ^ ONES * '"') | zeroBytes(x ^ ONES * '\\')
                | zeroBytes(x ^ ONES * 0x7f);
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
        }
        while (i < to && b[i] >= 0x20 && b[i] < 0x7f && b[i] != '"' && b[i] != '\\') {
            i++;
        }
        return i;
    }

    /** The high bit of each byte that is zero (possibly also of bytes above one). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** The high bit of each byte below {@code n} (n ≤ 128; bytes with the high bit set are not flagged). */
    private static long lessThan(long x, int n) {
        return (x - ONES * n) & ~x & HIGHS;
    }
}
