package io.edgecoder.core.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which nodes a rollout at a percentage reaches: node {@code n} is selected at {@code p} % when the
 * bucket of SHA-256({@code name}:{@code n}) (0..9999) is below {@code p}·100. Every node and the
 * control role compute the same answer without coordination; raising the percentage only adds
 * nodes (a node selected at 10 % is selected at 50 %); the rollout's name salts it, so different
 * rollouts start on different nodes. On a small fleet the share is approximate; the status counts
 * the exact number.
 */
public final class RolloutSelection {
    public static final int BUCKETS = 10_000;

    private RolloutSelection() {
    }

    public static boolean selected(String rollout, String nodeId, int percent) {
        return percent >= 100 || percent > 0 && bucket(rollout, nodeId) < percent * (BUCKETS / 100);
    }

    /** The node's bucket for this rollout, 0..9999. */
    public static int bucket(String rollout, String nodeId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((rollout + ":" + nodeId).getBytes(StandardCharsets.UTF_8));
            int v = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            return Integer.remainderUnsigned(v, BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
