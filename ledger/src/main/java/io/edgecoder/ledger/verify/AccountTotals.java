package io.edgecoder.ledger.verify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Running balances keyed by the UTF-8 bytes of account names, so summing an entry allocates
 * nothing: an open-addressing table maps name bytes to a slot of a {@code long[]}. Ledgers
 * have few accounts compared with entries, so a name is copied once, when first seen.
 */
final class AccountTotals {
    private int[] table = new int[256];
    private byte[][] names = new byte[128][];
    private int[] hashes = new int[128];
    private long[] totals = new long[128];
    private int count;

    AccountTotals() {
        Arrays.fill(table, -1);
    }

    /** Adds {@code delta} to the account named by {@code src[off, off+len)}; overflow throws ArithmeticException. */
    void add(byte[] src, int off, int len, long delta) {
        int h = hash(src, off, len);
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = table[i];
            if (slot < 0) {
                insert(i, src, off, len, h, delta);
                return;
            }
            byte[] name = names[slot];
            if (hashes[slot] == h && Arrays.equals(name, 0, name.length, src, off, off + len)) {
                totals[slot] = Math.addExact(totals[slot], delta);
                return;
            }
        }
    }

    private void insert(int tableIndex, byte[] src, int off, int len, int h, long delta) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
            totals = Arrays.copyOf(totals, count * 2);
        }
        int slot = count++;
        names[slot] = Arrays.copyOfRange(src, off, off + len);
        hashes[slot] = h;
        totals[slot] = delta;
        table[tableIndex] = slot;
        if (count * 2 > table.length) {
            rehash();
        }
    }

    private void rehash() {
        table = new int[table.length * 2];
        Arrays.fill(table, -1);
        int mask = table.length - 1;
        for (int slot = 0; slot < count; slot++) {
            int i = hashes[slot] & mask;
            while (table[i] >= 0) {
                i = (i + 1) & mask;
            }
            table[i] = slot;
        }
    }

    private static int hash(byte[] src, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + src[i];
        }
        return h ^ (h >>> 16);
    }

    /** The balances by account name. */
    Map<String, Long> toMap() {
        Map<String, Long> out = new HashMap<>(count * 2);
        for (int slot = 0; slot < count; slot++) {
            out.put(new String(names[slot], StandardCharsets.UTF_8), totals[slot]);
        }
        return out;
    }
}
