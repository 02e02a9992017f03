package io.edgecoder.core.message;

import java.util.List;

/**
 * Outcomes of batched runs, from the node that carries the workers to the coordinator that sent
 * them ({@link RunBatchRequest#replyTo()}), signed once on the bus by that node. Every reply in it
 * still carries its worker's own result signature, checked one by one before a result counts.
 *
 * @param results at most {@link RunBatchRequest#MAX_RUNS}; a larger batch is refused whole
 */
public record RunResultBatch(List<BatchedResult> results) {
}
