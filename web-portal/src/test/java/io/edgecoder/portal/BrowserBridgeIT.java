package io.edgecoder.portal;

import static io.edgecoder.portal.PortalHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.Ring;
import io.edgecoder.portal.live.BrowserBridge;
import io.edgecoder.portal.live.LivePortal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browsers' event-bus bridge against a real portal with accounts (embedded PostgreSQL): only
 * the caller's own job events arrive, nothing inbound reaches the bus, and no session means no
 * connection. The coordinator is played by a consumer that answers who requested each job and by
 * publishing job events as the coordinator does. Bus authentication is on, as on every clustered
 * node, so messages carry the signing node's certificate and signature: none of it may reach a browser.
 */
class BrowserBridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static AccountsHarness portal;
    private static Vertx vertx;
    private static GreenMail mail;
    private static BusClient bus;
    private static final Map<String, String> requesters = new ConcurrentHashMap<>();
    private static String aliceCookie;
    private static String aliceId;
    private static String bobCookie;
    private static String bobId;
    private static String ownerCookie;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        BusAuth.install(vertx, DeploymentCa.ephemeral("browser-bridge").credentials(NodeIdentity.ephemeral(), "local", Ring.CORE,
            EnumSet.allOf(Role.class), Duration.ofHours(1)));
        mail = AccountsHarness.startMail();
        portal = AccountsHarness.start(vertx, TestDatabase.freshDatabase(), mail, AccountsHarness.CHEAP);
        bus = new BusClient(portal.vertx, Duration.ofSeconds(5));
        await(bus.consumer(CoordinatorAddresses.JOB_GET, JobGetRequest.class, BrowserBridgeIT::job));
        aliceId = portal.register("alice@bridge.test").getString("id");
        bobId = portal.register("bob@bridge.test").getString("id");
        HttpResponse<Buffer> owner = AccountsHarness.send(portal.admin(HttpMethod.POST, "/api/v1/admin/accounts"), new JsonObject()
            .put("email", "owner@bridge.test").put("password", AccountsHarness.PASSWORD)
            .put("roles", List.of("coordinator-owner")).put("org", "acme"));
        assertThat(owner.statusCode()).as(owner.bodyAsString()).isEqualTo(201);
        aliceCookie = cookie("alice@bridge.test");
        bobCookie = cookie("bob@bridge.test");
        ownerCookie = cookie("owner@bridge.test");
    }

    @AfterAll
    static void stop() {
        portal.close();
        mail.stop();
        await(vertx.close());
    }

    private static Future<JobView> job(JobGetRequest request) {
        String requester = requesters.get(request.id());
        if (requester == null) {
            return Future.failedFuture(new MeshException(ErrorCode.NOT_FOUND, "no job " + request.id()));
        }
        return Future.succeededFuture(new JobView(request.id(), "t", "python", "local-only", requester, "running", false,
            List.of(), List.of(), Instant.now(), null, null));
    }

    /** Signs in and answers the session cookie as a {@code name=value} pair. */
    static String cookie(String email) {
        return signIn(email)[0];
    }

    /** Signs in: the session cookie ({@code name=value}) and its CSRF token. */
    static String[] signIn(String email) {
        HttpResponse<Buffer> r = AccountsHarness.send(portal.anonymous(HttpMethod.POST, "/api/v1/sessions"),
            new JsonObject().put("email", email).put("password", AccountsHarness.PASSWORD));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return new String[] {r.cookies().get(0).split(";", 2)[0], r.bodyAsJsonObject().getString("csrfToken")};
    }

    private static void subtask(String jobId, String subtask, String status) {
        bus.publish(CoordinatorAddresses.JOB_EVENTS, new JobEvent(jobId, jobId + "." + subtask, status, "n0123456789abcdef", Instant.now()));
    }

    @Test
    void aBrowserHearsItsOwnJobsEventsAndNeverAnotherAccounts() throws Exception {
        requesters.put("job-alice", aliceId);
        requesters.put("job-bob", bobId);
        String aliceJobs = PortalAddresses.userJobs(aliceId);
        String bobJobs = PortalAddresses.userJobs(bobId);
        try (BridgeSocket alice = BridgeSocket.open(portal.vertx, portal.port(), aliceCookie);
             BridgeSocket bob = BridgeSocket.open(portal.vertx, portal.port(), bobCookie)) {
            alice.register(aliceJobs);
            bob.register(bobJobs);
            bob.register(aliceJobs);
            assertThat(bob.awaitErrors(1).get(0).getString("body")).isEqualTo("rejected");
            awaitListening(alice, aliceId);
            awaitListening(bob, bobId);

            subtask("job-alice", "1", "running");
            subtask("job-alice", "1", "passed");
            Await.until("alice's two events", WAIT, () -> ofJob(alice, aliceJobs, "job-alice"), l -> l.size() == 2);
            subtask("job-bob", "1", "passed");
            Await.until("bob's event", WAIT, () -> ofJob(bob, bobJobs, "job-bob"), l -> l.size() == 1);

            assertThat(ofJob(alice, aliceJobs, "job-alice")).extracting(b -> b.getString("status")).containsExactly("running", "passed");
            assertThat(alice.frames).filteredOn(f -> "rec".equals(f.getString("type")))
                .extracting(f -> f.getJsonObject("body").getString("jobId")).doesNotContain("job-bob").contains("job-alice");
            assertThat(bob.frames).filteredOn(f -> "rec".equals(f.getString("type")))
                .extracting(f -> f.getJsonObject("body").getString("jobId")).doesNotContain("job-alice").contains("job-bob");
        }
    }

    @Test
    void aBrowserGetsTheEventAndNoneOfTheBussHeaders() throws Exception {
        requesters.put("job-alice-h", aliceId);
        String aliceJobs = PortalAddresses.userJobs(aliceId);
        try (BridgeSocket alice = BridgeSocket.open(portal.vertx, portal.port(), aliceCookie)) {
            alice.register(aliceJobs);
            awaitListening(alice, aliceId);
            subtask("job-alice-h", "1", "passed");
            Await.until("alice's event", WAIT, () -> ofJob(alice, aliceJobs, "job-alice-h"), l -> l.size() == 1);
            List<JsonObject> received = alice.frames.stream().filter(f -> "rec".equals(f.getString("type"))).toList();
            assertThat(received).isNotEmpty().allSatisfy(f -> {
                assertThat(f.fieldNames()).containsExactlyInAnyOrder("type", "address", "body");
                assertThat(f.encode()).doesNotContain("ec-cert", "ec-sig", "ec-ts", "ec-caller");
            });
        }
    }

    @Test
    void signingOutClosesTheSessionsOpenSocketsAndOnlyThose() throws Exception {
        String[] first = signIn("alice@bridge.test");
        String[] second = signIn("alice@bridge.test");
        try (BridgeSocket ending = BridgeSocket.open(portal.vertx, portal.port(), first[0]);
             BridgeSocket staying = BridgeSocket.open(portal.vertx, portal.port(), second[0])) {
            ending.register(PortalAddresses.userJobs(aliceId));
            staying.register(PortalAddresses.userJobs(aliceId));
            awaitListening(ending, aliceId);
            awaitListening(staying, aliceId);

            HttpResponse<Buffer> out = await(portal.anonymous(HttpMethod.DELETE, "/api/v1/sessions")
                .putHeader("Cookie", first[0]).putHeader("X-CSRF-Token", first[1]).send());
            assertThat(out.statusCode()).as(out.bodyAsString()).isLessThan(300);

            Await.until("the signed-out session's socket closed", WAIT, ending::isClosed, closed -> closed);
            requesters.put("job-after-signout", aliceId);
            subtask("job-after-signout", "1", "passed");
            Await.until("the other session's socket still hears", WAIT,
                () -> ofJob(staying, PortalAddresses.userJobs(aliceId), "job-after-signout"), l -> l.size() == 1);
            assertThat(staying.isClosed()).isFalse();
            assertThat(ofJob(ending, PortalAddresses.userJobs(aliceId), "job-after-signout")).isEmpty();
            assertThatThrownBy(() -> BridgeSocket.open(portal.vertx, portal.port(), first[0])).hasMessageContaining("401");
        }
    }

    private static List<JsonObject> ofJob(BridgeSocket socket, String address, String jobId) {
        return socket.received(address).stream().filter(b -> jobId.equals(b.getString("jobId"))).toList();
    }

    /**
     * The bridge does not confirm a register: publish events of a probe job of the account's until
     * one arrives, so the socket is surely listening before the test's events are published.
     */
    static void awaitListening(BridgeSocket socket, String account) throws Exception {
        String probe = "probe-" + account;
        requesters.put(probe, account);
        Await.until("the socket listening", WAIT, () -> {
            subtask(probe, "0", "running");
            return ofJob(socket, PortalAddresses.userJobs(account), probe);
        }, l -> !l.isEmpty());
    }

    @Test
    void listeningOnTheCoordinatorTopicOrAnotherAccountsAddressIsRefused() throws Exception {
        try (BridgeSocket bob = BridgeSocket.open(portal.vertx, portal.port(), bobCookie)) {
            bob.register(CoordinatorAddresses.JOB_EVENTS);
            bob.register(PortalAddresses.userJobs(aliceId));
            bob.register(PortalAddresses.DASHBOARD);
            assertThat(bob.awaitErrors(3)).extracting(e -> e.getString("body")).containsOnly("rejected");
        }
    }

    @Test
    void anInboundMessageToALedgerAddressIsRefusedAndNeverForwarded() throws Exception {
        List<JsonObject> settled = RecordingConsumer.on(bus, LedgerAddresses.JOB_SETTLE, JsonObject.class,
            body -> Future.succeededFuture(new JsonObject()));
        try (BridgeSocket alice = BridgeSocket.open(portal.vertx, portal.port(), aliceCookie)) {
            JsonObject body = new JsonObject().put("jobId", "j").put("amountMilli", 1_000_000);
            alice.write(new JsonObject().put("type", "send").put("address", LedgerAddresses.JOB_SETTLE).put("body", body)
                .put("replyAddress", "r1"));
            alice.write(new JsonObject().put("type", "publish").put("address", LedgerAddresses.JOB_SETTLE).put("body", body));
            alice.write(new JsonObject().put("type", "publish").put("address", CoordinatorAddresses.JOB_EVENTS).put("body", body));

            assertThat(alice.awaitErrors(3)).extracting(e -> e.getString("body")).containsOnly("rejected");
            // The same socket still works afterwards, so the refusals were decided, not dropped by a crash.
            alice.register(PortalAddresses.userJobs(aliceId));
            awaitListening(alice, aliceId);
            requesters.put("job-alice-2", aliceId);
            subtask("job-alice-2", "1", "passed");
            Await.until("alice's event after the refusals", WAIT, () -> alice.received(PortalAddresses.userJobs(aliceId)),
                l -> l.stream().anyMatch(b -> "job-alice-2".equals(b.getString("jobId"))));
        }
        assertThat(settled).isEmpty();
    }

    @Test
    void aConnectWithoutALiveSessionOrFromAnotherOriginIsRefused() {
        assertThatThrownBy(() -> BridgeSocket.open(portal.vertx, portal.port(), null)).hasMessageContaining("401");
        assertThatThrownBy(() -> BridgeSocket.open(portal.vertx, portal.port(), "edgecoder_session=ecs_forged"))
            .hasMessageContaining("401");
        assertThatThrownBy(() -> BridgeSocket.connect(portal.vertx, portal.port(), aliceCookie, "https://evil.example")
            .await()).hasMessageContaining("403");
        HttpResponse<Buffer> info = await(portal.anonymous(HttpMethod.GET, BrowserBridge.PATH + "/info").send());
        assertThat(info.statusCode()).isEqualTo(401);
    }

    @Test
    void aFrameLargerThanTheBoundClosesTheSocket() throws Exception {
        try (BridgeSocket alice = BridgeSocket.open(portal.vertx, portal.port(), aliceCookie)) {
            alice.writeText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(BrowserBridge.MAX_INBOUND_BYTES * 2) + "\"}");
            Await.until("the socket closed", WAIT, alice::isClosed, closed -> closed);
        }
    }

    @Test
    void theDashboardIsForOwnersAndAdminsOnly() throws Exception {
        try (BridgeSocket owner = BridgeSocket.open(portal.vertx, portal.port(), ownerCookie)) {
            owner.register(PortalAddresses.DASHBOARD);
            List<JsonObject> samples = Await.until("a dashboard sample", WAIT, () -> owner.received(PortalAddresses.DASHBOARD),
                l -> !l.isEmpty());
            assertThat(samples.get(0).containsKey("freeSlots")).isTrue();
            assertThat(owner.errors()).isEmpty();
        }
        HttpResponse<Buffer> forUser = await(portal.anonymous(HttpMethod.GET, LivePortal.DASHBOARD_PATH)
            .putHeader("Cookie", bobCookie).send());
        assertThat(forUser.statusCode()).isEqualTo(403);
        HttpResponse<Buffer> forOwner = await(portal.anonymous(HttpMethod.GET, LivePortal.DASHBOARD_PATH)
            .putHeader("Cookie", ownerCookie).send());
        assertThat(forOwner.statusCode()).isEqualTo(200);
        assertThat(forOwner.bodyAsJsonObject().getJsonArray("samples")).isNotEmpty();
    }
}
