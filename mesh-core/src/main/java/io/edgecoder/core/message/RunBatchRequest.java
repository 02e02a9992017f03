package io.edgecoder.core.message;

import java.util.List;

/**
 * Several run requests, for workers one node carries, in one message: one signature and one check
 * on the bus for the lot instead of one per run (docs/coordinator.md, "Batched dispatch"). Each
 * run is the same {@link RunSubtaskRequest} a single request would carry and is answered by the
 * worker's own signed {@link RunSubtaskReply}; the outcomes come back, as they finish, in
 * {@link RunResultBatch}es sent to {@code replyTo}.
 *
 * @param replyTo the sending coordinator's result address ({@code CoordinatorAddresses.results}); a
 *     carrier sends results only to an address of the node that sent the batch
 * @param runs at most {@link #MAX_RUNS}; a larger batch is refused whole (413)
 */
public record RunBatchRequest(String replyTo, List<BatchedRun> runs) {
    /** The most runs one batch may carry. */
    public static final int MAX_RUNS = 256;
}
