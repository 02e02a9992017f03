package io.edgecoder.app.policy;

import io.edgecoder.control.app.ControlConfig;
import io.edgecoder.control.app.ControlVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.Json;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.PolicyAck;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A control node in this JVM (its database, the CA on disk) and policy nodes in JVMs of their own
 * ({@link PolicyNodeMain}), for the propagation test and benchmark. Records every acknowledgement
 * the nodes publish.
 */
public final class PolicyCluster implements AutoCloseable {
    /** One child JVM: its process, data directory and the line it printed when ready. */
    public static final class Child {
        final Path dir;
        Process process;
        String nodeId;
        long versionAtStart;

        Child(Path dir) {
            this.dir = dir;
        }

        public String nodeId() {
            return nodeId;
        }

        /** The policy version the node held when its applier's first pull was done (before it would take work). */
        public long versionAtStart() {
            return versionAtStart;
        }
    }

    private final String cluster = TestClusters.newName();
    private final Path caDir;
    private final List<Child> children = new ArrayList<>();
    private final List<Consumer<PolicyAck>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, PolicyAck> latest = new ConcurrentHashMap<>();
    private final long ackMillis;
    private Vertx control;
    private BusClient operator;

    public PolicyCluster(long ackMillis) throws IOException {
        this.ackMillis = ackMillis;
        this.caDir = Files.createTempDirectory("edgecoder-policy-ca");
    }

    /** Starts the control node here and {@code nodes} policy nodes in JVMs of their own; blocking. */
    public PolicyCluster start(int nodes) throws Exception {
        DeploymentCa ca = DeploymentCa.loadOrCreate(caDir, "Policy propagation CA");
        NodeIdentity identity = NodeIdentity.ephemeral();
        EnumSet<Role> roles = EnumSet.of(Role.CONTROL, Role.PORTAL);
        control = await(TestClusters.member(cluster, ca.credentials(identity, "acme", Ring.CORE, roles, Duration.ofHours(2))));
        await(control.deployVerticle(new ControlVerticle(new ControlConfig(TestDatabase.freshDatabase(), 4, Duration.ofSeconds(10),
            caDir, identity, "acme", roles, Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(7), "127.0.0.1:5701"))));
        control.eventBus().<JsonObject>consumer(ControlAddresses.POLICY_ACKS, m -> onAck(Json.fromJson(m.body(), PolicyAck.class)));
        operator = new BusClient(control, Duration.ofSeconds(10));
        for (int i = 0; i < nodes; i++) {
            Child child = new Child(Files.createTempDirectory("edgecoder-policy-node"));
            children.add(child);
            launch(child);
        }
        return this;
    }

    private void onAck(PolicyAck ack) {
        latest.merge(ack.nodeId(), ack, (old, now) -> now.version() >= old.version() ? now : old);
        listeners.forEach(l -> l.accept(ack));
    }

    /** Starts (or restarts) a child's JVM and waits for its READY line. */
    public void launch(Child child) throws Exception {
        child.process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
            "-cp", System.getProperty("java.class.path"), PolicyNodeMain.class.getName(), cluster, caDir.toString(),
            child.dir.toString(), String.valueOf(ackMillis))
            .redirectError(child.dir.resolve("stderr.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.process.getInputStream(), StandardCharsets.UTF_8));
        String line = readyLine(out, child);
        String[] parts = line.split(" ");
        child.nodeId = parts[1];
        child.versionAtStart = Long.parseLong(parts[2]);
        Thread drain = new Thread(() -> drain(out), "policy-node-output");
        drain.setDaemon(true);
        drain.start();
    }

    /** Reads the rest of a child's output so its logging never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discarded
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    private static String readyLine(BufferedReader out, Child child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                return line;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new AssertionError("policy node in " + child.dir + " did not start; its stderr: "
            + Files.readString(child.dir.resolve("stderr.log")));
    }

    /** Stops a child's JVM (its identity stays in its directory for a restart). */
    public void stop(Child child) throws Exception {
        child.process.getOutputStream().close();
        if (!child.process.waitFor(60, TimeUnit.SECONDS)) {
            child.process.destroyForcibly();
            child.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public List<Child> children() {
        return children;
    }

    public BusClient operator() {
        return operator;
    }

    /** Each node's newest acknowledgement so far, by node id. */
    public Map<String, PolicyAck> latest() {
        return latest;
    }

    public void onAck(Consumer<PolicyAck> listener) {
        listeners.add(listener);
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        for (Child c : children) {
            if (c.process != null && c.process.isAlive()) {
                c.process.destroy();
                if (!c.process.waitFor(30, TimeUnit.SECONDS)) {
                    c.process.destroyForcibly();
                }
            }
        }
        if (control != null) {
            TestClusters.closeAll(List.of(control));
        }
        for (Path dir : children.stream().map(c -> c.dir).toList()) {
            deleteTree(dir);
        }
        deleteTree(caDir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
