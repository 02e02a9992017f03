package io.edgecoder.app.bench;

import com.hazelcast.config.Config;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Dispatch across three JVMs: this JVM is the coordinator's (a clustered node holding the real
 * {@code CapacityTable} on one event loop, {@link DispatchLoop}); two child JVMs ({@link DispatchWorkers},
 * started from this JVM's class path) each run half of the simulated workers ({@code SimWorker}, one
 * slot each) on their own clustered node. All three join one Hazelcast cluster on loopback under a
 * fresh name, speak mutual TLS on the event bus with certificates of a CA made for the run, and sign
 * and check every message, as real nodes do; so every heartbeat, run request and reply crosses a
 * process boundary. Measured: placement (saturated and idle, as in {@link DispatchBench}) and the
 * full dispatch round trip (placement, signed run request to another JVM, its signed reply, the
 * signature and measure check, the release) at each given number in flight. The child JVMs end when
 * this one does (they exit when their standard input closes) and are destroyed at the end.
 * Every message that crosses a JVM is checked on arrival (an Ed25519 verification), heartbeats too,
 * so the workers heartbeat every {@code heartbeat ms} (default 10,000): at 1,000 heartbeats a second
 * their checks alone take a sizeable share of what a loaded machine gives the coordinator's JVM.
 * Usage: ClusterDispatchBench [workers] [round trips] [in flight, comma-separated] [heartbeat ms] [batched]
 * (defaults 1000, 20000, 1000,100, 10000, true; {@code false}: one run request message per dispatch, as
 * before batches).
 */
public final class ClusterDispatchBench {
    private ClusterDispatchBench() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int trips = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String inFlight = args.length > 2 ? args[2] : "1000,100";
        long heartbeatMs = args.length > 3 ? Long.parseLong(args[3]) : 10_000;
        boolean batched = args.length <= 4 || Boolean.parseBoolean(args[4]);
        System.out.println("run requests " + (batched ? "batched per worker JVM" : "one message each"));
        Path dir = Files.createTempDirectory("edgecoder-cluster-dispatch");
        List<Process> children = new ArrayList<>();
        Thread cleanUp = new Thread(() -> {
            stop(children);
            deleteTree(dir);
        });
        Runtime.getRuntime().addShutdownHook(cleanUp);
        Vertx coordinator = null;
        try {
            String cluster = TestClusters.newName();
            DeploymentCa.loadOrCreate(dir.resolve("ca"), cluster);
            int port = freePort();
            coordinator = await(TestClusters.member(hazelcast(cluster, port, port), credentials(dir.resolve("ca"))));
            DispatchLoop loop = new DispatchLoop();
            await(coordinator.deployVerticle(loop));
            for (int j = 0; j < 2; j++) {
                int count = workers / 2 + (j == 0 ? workers % 2 : 0);
                children.add(child(dir, j, cluster, port, count, j * workers, heartbeatMs, batched));
            }
            for (int j = 0; j < 2; j++) {
                awaitReady(children.get(j), dir.resolve("workers-" + j + ".log"));
            }
            System.out.println("workers known to the coordinator's JVM: " + await(loop.awaitWorkers(workers))
                + " (in 2 other JVMs, heartbeats every " + heartbeatMs + " ms)");
            System.out.println(await(loop.saturated(20_000, workers)));
            System.out.println(await(loop.saturated(20_000, workers)));
            System.out.println(await(loop.idle(20_000)));
            System.out.println("warm-up: " + await(loop.roundTrips(Math.max(1, trips / 10), workers)));
            for (String n : inFlight.split(",")) {
                CpuMeter cpu = CpuMeter.start(children);
                System.out.println(await(loop.roundTrips(trips, Math.min(workers, Integer.parseInt(n.trim())))));
                System.out.println(cpu.perOperation(trips));
            }
        } finally {
            stop(children);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
            if (coordinator != null) {
                coordinator.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            deleteTree(dir);
        }
        System.exit(0);
    }

    /**
     * The Hazelcast configuration of one bench member: the test clusters' (TCP-IP on loopback, no
     * multicast) on its own port, joining the coordinator's member only; a lenient heartbeat
     * timeout, for a loaded machine.
     */
    static Config hazelcast(String cluster, int ownPort, int joinPort) {
        Config config = TestClusters.hazelcast(cluster);
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "60");
        config.getNetworkConfig().setPort(ownPort).setPortAutoIncrement(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setMembers(List.of("127.0.0.1:" + joinPort));
        return config;
    }

    /** A fresh identity's credentials, every role, from the CA in {@code caDir}. */
    static NodeCredentials credentials(Path caDir) throws Exception {
        return DeploymentCa.load(caDir).credentials(NodeIdentity.ephemeral(), "home", Ring.CORE, EnumSet.allOf(Role.class),
            Duration.ofHours(4));
    }

    private static Process child(Path dir, int j, String cluster, int joinPort, int count, int firstSeed, long heartbeatMs,
                                 boolean batched) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m"));
        // the module openings Hazelcast asks for, as this JVM was given them
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-")).forEach(command::add);
        // profiled as this JVM is, each into its own recording (workers-<j>.jfr beside this JVM's)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX:StartFlightRecording"))
            .map(a -> a.replace(".jfr", "-workers-" + j + ".jfr")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DispatchWorkers.class.getName(),
            dir.resolve("ca").toString(), cluster, String.valueOf(joinPort), String.valueOf(freePort()), String.valueOf(count),
            String.valueOf(firstSeed), String.valueOf(heartbeatMs), String.valueOf(batched)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("workers-" + j + ".log").toFile())
            .start();
    }

    private static void awaitReady(Process p, Path log) throws Exception {
        Await.until("worker JVM " + log.getFileName() + " ready", Duration.ofMinutes(10), () -> {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (!text.contains(DispatchWorkers.READY) && !p.isAlive()) {
                throw new IllegalStateException("worker JVM " + log.getFileName() + " ended with " + p.exitValue() + ":\n" + text);
            }
            return text;
        }, text -> text.contains(DispatchWorkers.READY));
    }

    private static void stop(List<Process> children) {
        for (Process p : children) {
            p.destroy();
        }
        for (Process p : children) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // already gone, or a file in use: a temp directory left behind is harmless
        }
    }
}
