package io.edgecoder.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.address.CoordinatorAddresses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunBatchesTest {
    private static final String REPLY_TO = CoordinatorAddresses.results("n1", "abc");

    private static BatchedRun run(String lease) {
        return new BatchedRun("w1", new RunSubtaskRequest("j", "s", "s#1", 1, "python", Map.of(), "t.py", 60, false, lease));
    }

    @Test
    void aBatchWithinTheBoundsPasses() {
        List<BatchedRun> runs = new ArrayList<>();
        for (int i = 0; i < RunBatchRequest.MAX_RUNS; i++) {
            runs.add(run("lease-" + i));
        }
        assertThat(RunBatches.refusal(new RunBatchRequest(REPLY_TO, runs))).isNull();
    }

    @Test
    void tooManyRunsIs413WithTheCount() {
        List<BatchedRun> runs = new ArrayList<>();
        for (int i = 0; i <= RunBatchRequest.MAX_RUNS; i++) {
            runs.add(run("lease-" + i));
        }
        var refused = RunBatches.refusal(new RunBatchRequest(REPLY_TO, runs));
        assertThat(refused.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(refused.getMessage()).contains("at most 256 runs; this one had 257");
    }

    @Test
    void malformedBatchesAre400() {
        assertThat(RunBatches.refusal(new RunBatchRequest(null, List.of(run("a")))).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(RunBatches.refusal(new RunBatchRequest(REPLY_TO, null)).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(RunBatches.refusal(new RunBatchRequest(REPLY_TO, Arrays.asList(run("a"), null))).getMessage())
            .contains("run 1 of the batch needs");
        assertThat(RunBatches.refusal(new RunBatchRequest(REPLY_TO, List.of(run(null)))).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(RunBatches.refusal(new RunBatchRequest(REPLY_TO, List.of(new BatchedRun(" ", run("a").request())))))
            .isNotNull();
        assertThat(RunBatches.refusal(new RunBatchRequest(REPLY_TO, List.of(run("a"), run("a")))).getMessage())
            .contains("repeats a lease id");
    }

    @Test
    void resultBatchesAreBoundedToo() {
        List<BatchedResult> results = new ArrayList<>();
        for (int i = 0; i <= RunBatchRequest.MAX_RUNS; i++) {
            results.add(BatchedResult.failed("l" + i, "w", 503, "x"));
        }
        assertThat(RunBatches.refusal(new RunResultBatch(results))).contains("257 results");
        assertThat(RunBatches.refusal(new RunResultBatch(results.subList(0, 256)))).isNull();
        assertThat(RunBatches.refusal(new RunResultBatch(null))).isEqualTo("no results");
    }

    @Test
    void aResultAddressBelongsToOneNode() {
        assertThat(CoordinatorAddresses.isResultsOf(REPLY_TO, "n1")).isTrue();
        assertThat(CoordinatorAddresses.isResultsOf(REPLY_TO, "n")).isFalse();
        assertThat(CoordinatorAddresses.isResultsOf(REPLY_TO, "n2")).isFalse();
        assertThat(CoordinatorAddresses.isResultsOf(REPLY_TO + ".more", "n1")).isFalse();
        assertThat(CoordinatorAddresses.isResultsOf("edgecoder.ledger.job.settle", "n1")).isFalse();
        assertThat(CoordinatorAddresses.isResultsOf(null, "n1")).isFalse();
    }
}
