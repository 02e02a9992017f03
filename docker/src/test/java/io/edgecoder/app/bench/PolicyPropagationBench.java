package io.edgecoder.app.bench;

import io.edgecoder.app.policy.PolicyCluster;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.ModeSetRequest;
import io.edgecoder.core.message.ModeView;
import io.edgecoder.core.message.PolicyAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Policy propagation across JVMs: a control node (with its PostgreSQL) in this JVM and three nodes
 * in JVMs of their own ({@code PolicyNodeMain}, each running the policy applier as every node does).
 * Each round sets a mode over the bus and waits until all three nodes acknowledged the new version.
 * Reported: commit → applied per node (the change's audit time, taken inside its transaction before
 * COMMIT, to the node's own time of applying it; all JVMs share this machine's clock), the same for
 * the slowest of the three nodes of each change (applied on every node), and request sent → the
 * last acknowledgement received here.
 * Usage: PolicyPropagationBench [changes] (default 200, after 20 warm-up changes).
 */
public final class PolicyPropagationBench {
    private PolicyPropagationBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (PolicyCluster cluster = new PolicyCluster(60_000).start(3)) {
            Map<Long, Map<String, PolicyAck>> acks = new ConcurrentHashMap<>();
            Map<Long, CompletableFuture<Long>> done = new ConcurrentHashMap<>();
            cluster.onAck(ack -> {
                Map<String, PolicyAck> forVersion = acks.computeIfAbsent(ack.version(), v -> new ConcurrentHashMap<>());
                forVersion.putIfAbsent(ack.nodeId(), ack);
                if (forVersion.size() == cluster.children().size()) {
                    done.computeIfAbsent(ack.version(), v -> new CompletableFuture<>()).complete(System.nanoTime());
                }
            });
            run(cluster, acks, done, 20);
            long[][] measured = run(cluster, acks, done, n);
            System.out.println("commit -> applied, per node:        " + new Stats(measured[0]).summary() + " " + p95(measured[0]));
            System.out.println("commit -> applied on every node:    " + new Stats(measured[1]).summary() + " " + p95(measured[1]));
            System.out.println("request -> every ack received here: " + new Stats(measured[2]).summary() + " " + p95(measured[2]));
        }
        System.exit(0);
    }

    private static String p95(long[] nanos) {
        return String.format("p95=%.3f ms", new Stats(nanos).percentileMillis(95));
    }

    private static long[][] run(PolicyCluster cluster, Map<Long, Map<String, PolicyAck>> acks, Map<Long, CompletableFuture<Long>> done,
                                int n) throws Exception {
        List<Long> perNode = new ArrayList<>();
        long[] everyNode = new long[n];
        long[] roundTrip = new long[n];
        for (int i = 0; i < n; i++) {
            long sent = System.nanoTime();
            long version = PolicyCluster.await(cluster.operator().request(ControlAddresses.MODE_SET,
                new ModeSetRequest("acme", i % 2 == 0 ? "swarm" : "public", "bench", null), ModeView.class)).version();
            long received = done.computeIfAbsent(version, v -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
            roundTrip[i] = received - sent;
            long slowest = 0;
            for (PolicyAck ack : acks.get(version).values()) {
                long nanos = Duration.between(ack.committedAt(), ack.appliedAt()).toNanos();
                perNode.add(nanos);
                slowest = Math.max(slowest, nanos);
            }
            everyNode[i] = slowest;
            acks.remove(version);
            done.remove(version);
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return new long[][] {perNode.stream().mapToLong(Long::longValue).toArray(), everyNode, roundTrip};
    }
}
