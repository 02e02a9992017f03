package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.bridge.Frame;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.portal.bridge.BridgeConfig;
import io.edgecoder.portal.bridge.EdgeBridge;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The edge ring end to end: a core cluster (coordinator, inference and ledger on one member, the
 * bridge on a portal member) and two edge workers in Vert.x instances of their own, outside
 * Hazelcast, that reach it only through the bridge over mutual TLS. Jobs run on the edge workers;
 * edge connections that overstep are refused and change nothing; revocation and a restart of the
 * bridge node act on the connections.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeRingIT {
    private static final String EDGE_ORG = "partner";
    private static String cluster;
    private static DeploymentCa ca;
    private static Settings settings;
    private static Vertx coreNode;
    private static Vertx bridgeNode;
    private static int bridgePort;
    private static BusClient bus;
    private static final List<EdgeWorkers.EdgeWorker> edges = new ArrayList<>();
    private static final List<AutoCloseable> probes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.newName();
        ca = TestClusters.ca(cluster);
        coreNode = await(TestClusters.member(cluster, EnumSet.of(Role.COORDINATOR, Role.INFERENCE, Role.LEDGER, Role.PORTAL), "local"));
        settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.WORKER_SLOTS, "1",
            ConfigKeys.MESH_MIN_ISOLATION, "none", "ledger.credit.line.user.milli", "100000",
            "ledger.issuance.enabled", "false"));
        TestNodes.deployCoordinatorNode(coreNode, settings, TestDatabase.freshDatabase());
        bus = new BusClient(coreNode, Duration.ofSeconds(30));
        bridgePort = startBridgeNode(0);
        edges.add(EdgeWorkers.start(EdgeWorkers.credentials(ca, EDGE_ORG), bridgePort, settings));
        edges.add(EdgeWorkers.start(EdgeWorkers.credentials(ca, EDGE_ORG), bridgePort, settings));
        Jobs.awaitWorkers(bus, 2);
    }

    private static int startBridgeNode(int port) throws Exception {
        bridgeNode = await(TestClusters.member(cluster, EnumSet.of(Role.PORTAL), "local"));
        EdgeBridge bridge = new EdgeBridge(BridgeConfig.from(settings, null).withPort(port));
        await(bridgeNode.deployVerticle(bridge));
        return bridge.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : probes) {
            c.close();
        }
        for (EdgeWorkers.EdgeWorker edge : edges) {
            edge.close();
        }
        TestClusters.closeAll(List.of(bridgeNode, coreNode));
    }

    private static EdgeProbe probe(NodeCredentials credentials) throws Exception {
        EdgeProbe probe = EdgeProbe.connect(credentials, trustedCa(), bridgePort);
        probes.add(probe);
        return probe;
    }

    private static PemTrustOptions trustedCa() {
        return BusAuth.of(coreNode).orElseThrow().credentials().trustOptions();
    }

    private static Set<String> edgeIds() {
        return edges.stream().map(EdgeWorkers.EdgeWorker::nodeId).collect(Collectors.toSet());
    }

    private static List<WorkerHeartbeat> workers() throws Exception {
        return await(bus.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class)).workers();
    }

    private static JobView runMeshJob(String title) throws Exception {
        JobSubmitRequest job = Jobs.python(title, Map.of("test_one.py", Jobs.PASSING, "test_two.py", Jobs.PASSING));
        JobSubmitRequest mesh = new JobSubmitRequest(job.title(), job.language(), job.files(), job.tests(), "mesh",
            job.timeoutSeconds(), job.requester(), null);
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, mesh, JobSubmitReply.class)).id();
        return Jobs.awaitFinished(bus, id);
    }

    @Test
    @Order(1)
    void edgeWorkersRunJobsAndAreCreditedInTheOrganisationOfTheirCertificates() throws Exception {
        JobView job = runMeshJob("on the edge");

        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.subtasks()).extracting(SubtaskView::status).containsOnly("passed");
        assertThat(job.subtasks()).extracting(SubtaskView::worker).allMatch(edgeIds()::contains);
        String worker = job.subtasks().get(0).worker();
        Map<String, Long> balances = Jobs.awaitBalances(bus, b -> b.getOrDefault("node:" + worker, 0L) > 0);
        assertThat(balances.get("node:" + worker)).isPositive();
        assertThat(workers()).filteredOn(hb -> edgeIds().contains(hb.nodeId())).extracting(WorkerHeartbeat::org)
            .containsOnly(EDGE_ORG);
    }

    @Test
    @Order(2)
    void aClientWhoseCertificateComesFromAnotherCaIsTurnedAwayAtTheHandshake() throws Exception {
        NodeCredentials stranger = EdgeWorkers.credentials(DeploymentCa.ephemeral("stranger"), EDGE_ORG);
        EdgeProbe probe;
        try {
            probe = probe(stranger);
        } catch (Exception refusedAtConnect) {
            return;
        }
        // TLS 1.3: the client may learn of its refused certificate only when it writes, or when the connection closes.
        Await.until("the bridge refusing the stranger's connection", Duration.ofSeconds(10), () -> refusedOnWrite(probe), c -> c);
        assertThat(probe.received()).isEmpty();
    }

    @Test
    @Order(3)
    void anEdgeNodeCannotRegisterAnotherNodesRunAddress() throws Exception {
        EdgeProbe probe = probe(EdgeWorkers.credentials(ca, EDGE_ORG));
        String victim = WorkerAddresses.run(edges.get(0).nodeId());

        probe.send(Frame.register(victim));

        Frame refused = probe.awaitFrame("a refusal", f -> f.type().equals(Frame.ERR));
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.message()).contains("may register only its own run address");
        assertThat(probe.closed()).isFalse();
        assertThat(runMeshJob("still the real workers").subtasks()).extracting(SubtaskView::worker).allMatch(edgeIds()::contains);
        assertThat(probe.count(Frame.SEND)).isZero();
    }

    @Test
    @Order(4)
    void anEdgeNodeCannotReachTheLedgerOrTheCoordinatorsIntake() throws Exception {
        Map<String, Long> before = Jobs.awaitBalances(bus, EdgeRingIT::settled);
        int jobsBefore = jobCount();
        NodeCredentials creds = EdgeWorkers.credentials(ca, EDGE_ORG);
        EdgeProbe probe = probe(creds);
        JsonObject settle = new JsonObject().put("nodeId", creds.identity().nodeId()).put("jobId", "j-forged")
            .put("requester", "admin").put("contributions", List.of(Map.of("nodeId", creds.identity().nodeId(), "cpuMs", 900_000)));
        JsonObject submit = io.edgecoder.core.Json.toJson(Jobs.python("forged", Map.of("test_one.py", Jobs.PASSING)))
            .put("nodeId", creds.identity().nodeId());

        probe.send(Frame.publish(LedgerAddresses.JOB_SETTLE, settle));
        probe.send(Frame.send(CoordinatorAddresses.JOB_SUBMIT, null, submit));
        probe.roundTrip();

        assertThat(probe.received()).filteredOn(f -> f.type().equals(Frame.ERR)).extracting(Frame::code).containsExactly(403, 403);
        assertThat(Jobs.awaitBalances(bus, b -> true)).isEqualTo(before);
        assertThat(jobCount()).isEqualTo(jobsBefore);
    }

    @Test
    @Order(5)
    void aHeartbeatNamingAnotherNodeIsRefusedAndItsOwnIsStamped() throws Exception {
        NodeCredentials creds = EdgeWorkers.credentials(ca, EDGE_ORG);
        String self = creds.identity().nodeId();
        EdgeProbe probe = probe(creds);
        WorkerHeartbeat impostor = new WorkerHeartbeat("nfeedfacefeedface", "local", List.of("python"), 8, 8, 0, "strong", 60_000);
        String key = creds.identity().publicKeyBase64();
        WorkerHeartbeat own = new WorkerHeartbeat(self, "local", List.of("cobol"), 1, 1, 0, "strong", 60_000, key, 1);

        probe.send(Frame.publish(CoordinatorAddresses.WORKER_HEARTBEAT, io.edgecoder.core.Json.toJson(impostor)));
        probe.send(Frame.publish(CoordinatorAddresses.WORKER_HEARTBEAT, io.edgecoder.core.Json.toJson(own)));

        Frame refused = probe.awaitFrame("a refusal", f -> f.type().equals(Frame.ERR));
        assertThat(refused.code()).isEqualTo(403);
        List<WorkerHeartbeat> known = Await.until("the probe's own heartbeat reaching the coordinator", Duration.ofSeconds(10),
            EdgeRingIT::workers, list -> list.stream().anyMatch(hb -> hb.nodeId().equals(self)));
        assertThat(known).noneMatch(hb -> hb.nodeId().equals(impostor.nodeId()));
        assertThat(known).filteredOn(hb -> hb.nodeId().equals(self)).extracting(WorkerHeartbeat::org).containsOnly(EDGE_ORG);
        probe.send(Frame.publish(CoordinatorAddresses.WORKER_HEARTBEAT,
            io.edgecoder.core.Json.toJson(new WorkerHeartbeat(self, EDGE_ORG, List.of("cobol"), 0, 0, 0, "strong", 60_000, key, 1))));
    }

    @Test
    @Order(6)
    void aNodeFloodingTheMeshWithMessagesIsRefusedAndThenCutOff() throws Exception {
        NodeCredentials creds = EdgeWorkers.credentials(ca, EDGE_ORG);
        String self = creds.identity().nodeId();
        EdgeProbe probe = probe(creds);
        JsonObject heartbeat = io.edgecoder.core.Json.toJson(new WorkerHeartbeat(self, EDGE_ORG, List.of("cobol"), 1, 1, 0, "strong", 100));

        for (int i = 0; i < 400 && !probe.closed(); i++) {
            try {
                probe.send(Frame.publish(CoordinatorAddresses.WORKER_HEARTBEAT, heartbeat));
            } catch (java.util.concurrent.ExecutionException closedUnderneath) {
                break;
            }
        }

        Await.until("the bridge closing the flooding connection", Duration.ofSeconds(10), probe::closed, c -> c);
        assertThat(probe.received()).filteredOn(f -> f.type().equals(Frame.ERR)).extracting(Frame::code).contains(429);
    }

    @Test
    @Order(7)
    void revocationClosesTheConnectionBeforeItsNextFrameIsServed() throws Exception {
        NodeCredentials creds = EdgeWorkers.credentials(ca, EDGE_ORG);
        EdgeProbe probe = probe(creds);
        probe.roundTrip();

        BusAuth.of(bridgeNode).orElseThrow().trust().revoke(creds.identity().nodeId());
        long pongs = probe.count(Frame.PONG);
        try {
            probe.send(Frame.ping());
        } catch (java.util.concurrent.ExecutionException closedAlready) {
            // the sweep was quicker than this frame: the connection is gone either way
        }

        Await.until("the revoked node's connection closing", Duration.ofSeconds(10), probe::closed, c -> c);
        assertThat(probe.count(Frame.PONG)).isEqualTo(pongs);
    }

    @Test
    @Order(8)
    void edgeWorkersReconnectWhenTheBridgeNodeRestarts() throws Exception {
        await(bridgeNode.close());
        Await.until("the edge links noticing", Duration.ofSeconds(10),
            () -> edges.stream().noneMatch(e -> e.link().up()), down -> down);

        startBridgeNode(bridgePort);

        Await.until("the edge links coming back", Duration.ofSeconds(30),
            () -> edges.stream().allMatch(e -> e.link().up()), up -> up);
        Jobs.awaitWorkers(bus, 2);
        JobView job = runMeshJob("after the restart");
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.subtasks()).extracting(SubtaskView::worker).allMatch(edgeIds()::contains);
    }

    private static boolean refusedOnWrite(EdgeProbe probe) throws Exception {
        try {
            probe.send(Frame.ping());
            return probe.closed();
        } catch (java.util.concurrent.ExecutionException refused) {
            return true;
        }
    }

    /** No budget hold is open: every earlier job is settled, so balances change only if something new moves them. */
    private static boolean settled(Map<String, Long> balances) {
        return balances.entrySet().stream().filter(e -> e.getKey().startsWith("hold:")).allMatch(e -> e.getValue() == 0L);
    }

    private static int jobCount() throws Exception {
        return await(bus.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(200, null), JobListReply.class)).jobs().size();
    }
}
