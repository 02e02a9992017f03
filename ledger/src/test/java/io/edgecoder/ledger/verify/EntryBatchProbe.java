package io.edgecoder.ledger.verify;

/** Test access to a batch's package-private views from other packages. */
public final class EntryBatchProbe {
    private EntryBatchProbe() {
    }

    public static byte[] encoding(EntryBatch batch, int i) {
        return batch.encoding(i);
    }

    public static boolean hashEquals(EntryBatch batch, int i, byte[] hash) {
        return batch.hashEquals(i, hash);
    }
}
