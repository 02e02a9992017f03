package io.edgecoder.coordinator.impl;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the claims gathered for one subtask by their canonical result digest. A claim from
 * inside the requester's trust domain decides alone (the first such claim). Otherwise a result
 * is final when {@code size} distinct workers agree on it and no claim disagrees; any two
 * different digests make the subtask disputed, for a trusted tie-breaker to settle.
 */
public final class Quorum {
    private final int size;

    public Quorum(int size) {
        this.size = Math.max(1, size);
    }

    public int size() {
        return size;
    }

    /** What the claims so far decide. */
    public record Decision(Kind kind, String digest, int missing) {
    }

    public enum Kind { FINAL, NEED_MORE, DISPUTED }

    /** The decision when {@code required} agreeing workers suffice (1 for a result accepted on reputation). */
    public Decision decide(List<Claim> claims, int required) {
        for (Claim c : claims) {
            if (c.trusted()) {
                return new Decision(Kind.FINAL, c.resultDigest(), 0);
            }
        }
        Map<String, Set<String>> workersByDigest = new LinkedHashMap<>();
        claims.forEach(c -> workersByDigest.computeIfAbsent(c.resultDigest(), d -> new HashSet<>()).add(c.workerId()));
        if (workersByDigest.size() > 1) {
            return new Decision(Kind.DISPUTED, null, 0);
        }
        if (workersByDigest.isEmpty()) {
            return new Decision(Kind.NEED_MORE, null, required);
        }
        Map.Entry<String, Set<String>> only = workersByDigest.entrySet().iterator().next();
        int missing = Math.max(0, required - only.getValue().size());
        return new Decision(missing == 0 ? Kind.FINAL : Kind.NEED_MORE, only.getKey(), missing);
    }

    public Decision decide(List<Claim> claims) {
        return decide(claims, size);
    }

    /**
     * The measure agreeing claims are paid for: the lower median of their payable CPU times (the
     * minimum for two), so one worker inflating its claim moves nothing.
     */
    public static long agreedMeasure(List<Claim> agreeing) {
        long[] payable = agreeing.stream().mapToLong(Claim::payableMs).sorted().toArray();
        return payable.length == 0 ? 0 : payable[(payable.length - 1) / 2];
    }
}
