package io.edgecoder.app.bench;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Event-bus request/reply latency through the typed {@link BusClient}: a requester on the
 * same node as the consumer, and one on a second clustered node (Hazelcast, loopback), first
 * as real nodes run (mutual TLS, every message signed and checked), then on a plain pair of
 * members without TLS or signatures, to show what trust costs.
 * Usage: BusLatencyBench [requests] (default 20000, after 5000 warm-up requests).
 */
public final class BusLatencyBench {
    private static final String ADDRESS = "edgecoder.bench.echo.get";

    private BusLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Vertx> nodes = TestClusters.start(2);
        RoleHealth answer = new RoleHealth("bench", "up", Map.of("k", "v"));
        new BusClient(nodes.get(0), Duration.ofSeconds(5))
            .consumer(ADDRESS, HealthRequest.class, r -> Future.succeededFuture(answer))
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        waitForPropagation(nodes.get(1));
        System.out.println("local  request/reply: " + measure(nodes.get(0), n));
        System.out.println("remote request/reply (TLS, signed): " + measure(nodes.get(1), n));
        TestClusters.closeAll(nodes);
        List<Vertx> plain = plainPair();
        new BusClient(plain.get(0), Duration.ofSeconds(5))
            .consumer(ADDRESS, HealthRequest.class, r -> Future.succeededFuture(answer))
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        waitForPropagation(plain.get(1));
        System.out.println("remote request/reply (plain TCP, unsigned): " + measure(plain.get(1), n));
        TestClusters.closeAll(plain);
        System.exit(0);
    }

    private static List<Vertx> plainPair() throws Exception {
        String name = TestClusters.newName();
        Vertx a = TestClusters.rogue(name).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        Vertx b = TestClusters.rogue(name).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return List.of(a, b);
    }

    private static void waitForPropagation(Vertx node) throws Exception {
        BusClient bus = new BusClient(node, Duration.ofSeconds(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                bus.request(ADDRESS, new HealthRequest(), RoleHealth.class).toCompletionStage().toCompletableFuture()
                    .get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new IllegalStateException("consumer not visible on the second node");
    }

    private static String measure(Vertx node, int n) throws Exception {
        BusClient bus = new BusClient(node, Duration.ofSeconds(5));
        loop(node, bus, new long[5_000]);
        long[] samples = new long[n];
        loop(node, bus, samples);
        return new Stats(samples).summary();
    }

    /** Sequential requests chained on the node's event loop: no thread hand-off per request. */
    private static void loop(Vertx node, BusClient bus, long[] samples) throws Exception {
        Promise<Void> done = Promise.promise();
        node.runOnContext(v -> next(bus, samples, 0, done));
        done.future().toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    }

    private static void next(BusClient bus, long[] samples, int i, Promise<Void> done) {
        if (i == samples.length) {
            done.complete();
            return;
        }
        long t0 = System.nanoTime();
        bus.request(ADDRESS, new HealthRequest(), RoleHealth.class).onComplete(ar -> {
            if (ar.failed()) {
                done.fail(ar.cause());
                return;
            }
            samples[i] = System.nanoTime() - t0;
            next(bus, samples, i + 1, done);
        });
    }
}
