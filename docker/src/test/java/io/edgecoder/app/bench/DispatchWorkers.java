package io.edgecoder.app.bench;

import io.edgecoder.app.fleet.SimCarrier;
import io.edgecoder.app.fleet.SimWorker;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of {@link ClusterDispatchBench}: one clustered node (certificate from the bench's CA)
 * with {@code count} simulated workers of one slot each that answer at once. Prints
 * {@value #READY} when all are deployed, and exits when its standard input closes (its parent
 * ended or closed it) or it is destroyed.
 * Arguments: CA directory, cluster name, the coordinator's Hazelcast port, its own port, count, first seed,
 * heartbeat interval in ms, and optionally whether the workers take batched runs (default true).
 */
public final class DispatchWorkers {
    static final String READY = "simulated workers ready";

    private DispatchWorkers() {
    }

    public static void main(String[] args) throws Exception {
        Path caDir = Path.of(args[0]);
        int count = Integer.parseInt(args[4]);
        int firstSeed = Integer.parseInt(args[5]);
        long heartbeatMs = Long.parseLong(args[6]);
        boolean batched = args.length <= 7 || Boolean.parseBoolean(args[7]);
        Vertx node = TestClusters.member(ClusterDispatchBench.hazelcast(args[1], Integer.parseInt(args[3]),
            Integer.parseInt(args[2])), ClusterDispatchBench.credentials(caDir)).toCompletionStage().toCompletableFuture()
            .get(5, TimeUnit.MINUTES);
        SimCarrier carrier = new SimCarrier(heartbeatMs);
        node.deployVerticle(carrier).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
        List<Future<String>> deployed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SimWorker worker = new SimWorker(NodeIdentity.ephemeral(), "home", "strong", new SimWorker.Behaviour(1, 0, 0, 0, null),
                firstSeed + i, heartbeatMs, SimWorker.counter());
            deployed.add(node.deployVerticle(batched ? worker.carriedBy(carrier) : worker));
            if (deployed.size() == 100 || i == count - 1) {
                Future.all(deployed).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
                deployed.clear();
            }
        }
        System.out.println(READY + ": " + count);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to go away
        }
        node.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        System.exit(0);
    }
}
