package io.edgecoder.app.bench;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import io.edgecoder.portal.bridge.BridgeConfig;
import io.edgecoder.portal.bridge.EdgeBridge;
import io.edgecoder.worker.edge.EdgeLink;
import io.edgecoder.worker.edge.EdgeLinkConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Request/reply latency of a run-sized message (a {@code RunSubtaskRequest} with 8 KiB of files,
 * a reply with 4 KiB of output) from a coordinator node to a worker: through the edge bridge
 * (cluster TLS to the bridge node, then the bridge's TLS connection to a non-clustered edge
 * node), and, for comparison, to a consumer on the bridge node itself over the clustered bus.
 * The worker side answers at once, so only transport is measured.
 * Usage: BridgeLatencyBench [requests] (default 10000, after 2000 warm-up requests).
 */
public final class BridgeLatencyBench {
    private BridgeLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String cluster = TestClusters.newName();
        Vertx coordinator = get(TestClusters.member(cluster, EnumSet.of(Role.COORDINATOR), "local"));
        Vertx bridgeNode = get(TestClusters.member(cluster, EnumSet.of(Role.PORTAL, Role.WORKER), "local"));
        EdgeBridge bridge = new EdgeBridge(BridgeConfig.from(Settings.of(ConfigKeys.defaults()), null).withPort(0));
        get(bridgeNode.deployVerticle(bridge));
        NodeCredentials edgeCreds = TestClusters.ca(cluster).credentials(NodeIdentity.ephemeral(), "partner", Ring.EDGE,
            EnumSet.of(Role.WORKER), Duration.ofHours(1));
        Vertx edge = Vertx.vertx();
        String edgeId = edgeCreds.identity().nodeId();
        String coreId = NodeIdentity.ephemeral().nodeId();
        answer(edge, edgeId);
        answer(bridgeNode, coreId);
        EdgeLink link = new EdgeLink(EdgeLinkConfig.from(Settings.of(Map.of(ConfigKeys.EDGE_BRIDGE, "127.0.0.1:" + bridge.actualPort())),
            edgeCreds));
        get(edge.deployVerticle(link));
        waitFor(coordinator, edgeId);
        waitFor(coordinator, coreId);
        System.out.println("clustered bus, coordinator -> worker on the bridge node: " + measure(coordinator, coreId, n));
        System.out.println("edge bridge, coordinator -> bridge node -> edge worker:   " + measure(coordinator, edgeId, n));
        get(edge.close());
        TestClusters.closeAll(List.of(coordinator, bridgeNode));
        System.exit(0);
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static void answer(Vertx node, String nodeId) throws Exception {
        RunSubtaskReply reply = new RunSubtaskReply(nodeId, "passed", 0, 120, 80, 1L << 24, "o".repeat(4096), "", false, "strong",
            new TestReport(1, 1, 0, 0, List.of()));
        get(new BusClient(node, Duration.ofSeconds(5)).consumer(WorkerAddresses.run(nodeId), RunSubtaskRequest.class,
            r -> Future.succeededFuture(reply)));
    }

    private static RunSubtaskRequest request() {
        return new RunSubtaskRequest("job", "st", "st#1", 1, "python",
            Map.of("calc.py", "x = 1\n".repeat(700), "test_calc.py", "y = 2\n".repeat(665)), "test_calc.py", 60, false);
    }

    private static void waitFor(Vertx node, String nodeId) throws Exception {
        BusClient bus = new BusClient(node, Duration.ofSeconds(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                get(bus.request(WorkerAddresses.run(nodeId), request(), RunSubtaskReply.class));
                return;
            } catch (Exception e) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new IllegalStateException("worker " + nodeId + " not reachable");
    }

    private static String measure(Vertx node, String nodeId, int n) throws Exception {
        BusClient bus = new BusClient(node, Duration.ofSeconds(5));
        loop(node, bus, nodeId, new long[2_000]);
        long[] samples = new long[n];
        loop(node, bus, nodeId, samples);
        return new Stats(samples).summary();
    }

    private static void loop(Vertx node, BusClient bus, String nodeId, long[] samples) throws Exception {
        Promise<Void> done = Promise.promise();
        RunSubtaskRequest request = request();
        node.runOnContext(v -> next(bus, WorkerAddresses.run(nodeId), request, samples, 0, done));
        done.future().toCompletionStage().toCompletableFuture().get(600, TimeUnit.SECONDS);
    }

    private static void next(BusClient bus, String address, RunSubtaskRequest request, long[] samples, int i, Promise<Void> done) {
        if (i == samples.length) {
            done.complete();
            return;
        }
        long t0 = System.nanoTime();
        bus.request(address, request, RunSubtaskReply.class).onComplete(ar -> {
            if (ar.failed()) {
                done.fail(ar.cause());
                return;
            }
            samples[i] = System.nanoTime() - t0;
            next(bus, address, request, samples, i + 1, done);
        });
    }
}
