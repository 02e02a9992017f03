package io.edgecoder.core.message;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The bounds both ends of batched runs hold a batch to ({@link RunBatchRequest}, {@link RunResultBatch}):
 * a batch that breaks one is refused whole, with a reason safe to show, and nothing in it is run or
 * accepted.
 */
public final class RunBatches {
    /** Longest worker or lease id accepted in a batch. */
    static final int MAX_ID = 128;
    private static final int MAX_MESSAGE = 500;

    private RunBatches() {
    }

    /** Why {@code batch} is refused whole (413 too many runs, 400 malformed), or null when it may be run. */
    public static MeshException refusal(RunBatchRequest batch) {
        if (batch == null || batch.runs() == null || batch.replyTo() == null) {
            return MeshException.badRequest("a run batch needs replyTo and runs");
        }
        if (batch.runs().size() > RunBatchRequest.MAX_RUNS) {
            return new MeshException(ErrorCode.PAYLOAD_TOO_LARGE, "a run batch carries at most " + RunBatchRequest.MAX_RUNS
                + " runs; this one had " + batch.runs().size());
        }
        Set<String> leases = new HashSet<>();
        for (int i = 0; i < batch.runs().size(); i++) {
            BatchedRun run = batch.runs().get(i);
            if (run == null || !id(run.workerId()) || run.request() == null || !id(run.request().leaseId())) {
                return MeshException.badRequest("run " + i + " of the batch needs a worker id, a request and a lease id");
            }
            if (!leases.add(run.request().leaseId())) {
                return MeshException.badRequest("run " + i + " of the batch repeats a lease id");
            }
        }
        return null;
    }

    /** Why a result batch is refused whole, or null when its results may be looked at one by one. */
    public static String refusal(RunResultBatch batch) {
        if (batch == null || batch.results() == null) {
            return "no results";
        }
        if (batch.results().size() > RunBatchRequest.MAX_RUNS) {
            return batch.results().size() + " results in one batch, at most " + RunBatchRequest.MAX_RUNS;
        }
        return null;
    }

    /** About how many characters {@code request} adds to a batch (its files dominate). */
    public static int estimate(RunSubtaskRequest request) {
        long n = 512L + (request.test() == null ? 0 : request.test().length());
        if (request.files() != null) {
            for (Map.Entry<String, String> f : request.files().entrySet()) {
                n += 8L + length(f.getKey()) + length(f.getValue());
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** A failure message from another node, kept short. */
    public static String clip(String message) {
        String m = message == null || message.isBlank() ? "no reason given" : message;
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE - 3) + "...";
    }

    private static boolean id(String s) {
        return s != null && !s.isBlank() && s.length() <= MAX_ID;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
