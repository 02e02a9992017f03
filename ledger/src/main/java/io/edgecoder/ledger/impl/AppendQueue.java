package io.edgecoder.ledger.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.LedgerEntry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit. Callers queue their drafts; one batch transaction is in flight at a time and
 * takes everything that queued meanwhile (up to {@code maxBatch} entries), so concurrency
 * raises the batch size instead of the number of chain-head lock turns. An optional linger
 * waits a bounded time before a batch to let more callers join. Each caller is answered only
 * after the batch holding its drafts committed. All state lives on one Vert.x context.
 */
final class AppendQueue {
    private static final Logger LOG = LoggerFactory.getLogger(AppendQueue.class);

    private record Pending(List<EntryDraft> drafts, Promise<List<LedgerEntry>> promise) {
    }

    private final Context context;
    private final BatchWriter writer;
    private final int maxBatch;
    private final int maxQueued;
    private final long lingerMs;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int queuedEntries;
    private boolean busy;
    private boolean closed;

    AppendQueue(Vertx vertx, BatchWriter writer, int maxBatch, int maxQueued, long lingerMs) {
        this.context = vertx.getOrCreateContext();
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.maxQueued = maxQueued;
        this.lingerMs = lingerMs;
    }

    Future<List<LedgerEntry>> submit(List<EntryDraft> drafts) {
        Promise<List<LedgerEntry>> promise = Promise.promise();
        context.runOnContext(v -> enqueue(new Pending(List.copyOf(drafts), promise)));
        return promise.future();
    }

    /** Refuses new work; queued callers get 503 (safe to retry elsewhere). */
    void close() {
        context.runOnContext(v -> {
            closed = true;
            Pending p;
            while ((p = waiting.poll()) != null) {
                p.promise().fail(MeshException.unavailable("ledger is shutting down"));
            }
        });
    }

    private void enqueue(Pending pending) {
        if (closed) {
            pending.promise().fail(MeshException.unavailable("ledger is shutting down"));
            return;
        }
        if (queuedEntries + pending.drafts().size() > maxQueued) {
            pending.promise().fail(new MeshException(ErrorCode.OVERLOADED, "ledger append queue is full, retry later"));
            return;
        }
        waiting.add(pending);
        queuedEntries += pending.drafts().size();
        if (!busy) {
            busy = true;
            if (lingerMs > 0) {
                context.owner().setTimer(lingerMs, t -> flush());
            } else {
                flush();
            }
        }
    }

    private void flush() {
        List<Pending> batch = takeBatch();
        if (batch.isEmpty()) {
            busy = false;
            return;
        }
        List<List<EntryDraft>> requests = new ArrayList<>(batch.size());
        batch.forEach(p -> requests.add(p.drafts()));
        writer.write(requests).onComplete(ar -> {
            if (ar.succeeded()) {
                answer(batch, ar.result());
            } else {
                failAll(batch, ar.cause());
            }
            flush();
        });
    }

    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>();
        int entries = 0;
        while (!waiting.isEmpty() && (batch.isEmpty() || entries + waiting.peek().drafts().size() <= maxBatch)) {
            Pending p = waiting.poll();
            entries += p.drafts().size();
            queuedEntries -= p.drafts().size();
            batch.add(p);
        }
        return batch;
    }

    private static void answer(List<Pending> batch, List<BatchWriter.Outcome> outcomes) {
        for (int i = 0; i < batch.size(); i++) {
            BatchWriter.Outcome outcome = outcomes.get(i);
            if (outcome.refusal() != null) {
                batch.get(i).promise().fail(outcome.refusal());
            } else {
                batch.get(i).promise().complete(outcome.entries());
            }
        }
    }

    private static void failAll(List<Pending> batch, Throwable cause) {
        LOG.warn("ledger batch of {} callers failed: {}", batch.size(), cause.toString());
        MeshException failure = MeshException.unavailable(
            "ledger database unavailable; retrying with the same idempotency keys is safe");
        batch.forEach(p -> p.promise().fail(failure));
    }
}
