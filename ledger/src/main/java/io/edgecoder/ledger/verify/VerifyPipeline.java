package io.edgecoder.ledger.verify;

import io.edgecoder.ledger.ChainVerifier.Failure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a blocking verification on two threads: a reader thread decodes the input into
 * {@link EntryBatch}es while the calling thread checks the ones already decoded with a
 * {@link BatchVerifier}. A few batches circulate between the two, in order, so the result,
 * including the first failure, is exactly that of checking the same batches one by one. On the
 * first failure the reader is stopped; a reading error is thrown when the check reaches it.
 */
public final class VerifyPipeline {
    /** Batches in circulation: one being checked, one being filled, one ready. */
    private static final int DEPTH = 3;

    /** Fills batches in input order. */
    @FunctionalInterface
    public interface Source {
        /** Adds the next slots to {@code batch} (cleared); false when the input ended with them. */
        boolean fill(EntryBatch batch) throws Exception;
    }

    private VerifyPipeline() {
    }

    /** Checks everything {@code source} yields; the first failure, or empty when all verified. */
    public static Optional<Failure> run(Source source, BatchVerifier verifier, int batchSize) throws IOException {
        BlockingQueue<EntryBatch> free = new ArrayBlockingQueue<>(DEPTH);
        BlockingQueue<EntryBatch> full = new ArrayBlockingQueue<>(DEPTH);
        for (int i = 0; i < DEPTH; i++) {
            free.add(new EntryBatch(batchSize));
        }
        Thread reader = new Thread(() -> produce(source, free, full), "ledger-verify-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            return consume(verifier, free, full);
        } finally {
            reader.interrupt();
            joinQuietly(reader);
        }
    }

    private static Optional<Failure> consume(BatchVerifier verifier, BlockingQueue<EntryBatch> free,
                                             BlockingQueue<EntryBatch> full) throws IOException {
        try {
            while (true) {
                EntryBatch batch = full.take();
                Optional<Failure> failure = verifier.accept(batch);
                if (failure.isPresent() || batch.isLast()) {
                    return failure;
                }
                free.put(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("verification interrupted");
        }
    }

    private static void produce(Source source, BlockingQueue<EntryBatch> free, BlockingQueue<EntryBatch> full) {
        try {
            boolean more = true;
            while (more) {
                EntryBatch batch = free.take();
                batch.clear();
                more = fill(source, batch);
                full.put(batch);
            }
        } catch (InterruptedException e) {
            // the checking side stopped (a failure was found, or it was interrupted)
        }
    }

    private static boolean fill(Source source, EntryBatch batch) {
        try {
            if (source.fill(batch)) {
                return true;
            }
            batch.last();
        } catch (Exception e) {
            batch.fail(e);
        } catch (Error e) {
            batch.fail(new IOException("reading failed: " + e, e));
        }
        return false;
    }

    private static void joinQuietly(Thread reader) {
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
