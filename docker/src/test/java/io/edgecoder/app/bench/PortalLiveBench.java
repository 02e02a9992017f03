package io.edgecoder.app.bench;

import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.app.Node;
import io.edgecoder.core.Json;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The portal's live path and its first page. One node with every role; {@code accounts} people
 * signed in with {@code socketsEach} event-bus connections each (the pages' raw websocket transport
 * of the SockJS bridge), each listening on its own account's address. Jobs are submitted in turn
 * by each person over HTTP (session cookie and CSRF token); the figure is the time from the
 * coordinator publishing a subtask's result (its {@code passed} event, heard on the coordinator's
 * topic in this JVM) to that event arriving at each of the owner's open connections. Then the
 * landing page and the files it loads, fetched cold and warm on loopback.
 * Usage: PortalLiveBench [jobs=60] [accounts=10] [socketsEach=5].
 */
public final class PortalLiveBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "correct horse battery staple";
    private static final String TEST = "import unittest\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        self.assertTrue(True)\n";

    private record Person(String cookie, String csrf, String account) {
    }

    private PortalLiveBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int socketsEach = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = TempFiles.directoryRemovedAtExit("edgecoder-bench");
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.DATA_DIR, dir.toString(),
            ConfigKeys.HTTP_PORT, "0", ConfigKeys.BRIDGE_PORT, "0", ConfigKeys.OPERATOR_PORT, "0",
            ConfigKeys.CLUSTER_PORT, String.valueOf(freePort()), ConfigKeys.WORKER_SLOTS, "2",
            "ledger.credit.line.user.milli", "10000000"));
        try (Node node = new Node(settings).start()) {
            String base = "http://127.0.0.1:" + node.httpPort();
            String token = Files.readString(dir.resolve("admin.token")).trim();
            Map<String, Long> published = new ConcurrentHashMap<>();
            node.vertx().eventBus().<JsonObject>consumer(CoordinatorAddresses.JOB_EVENTS, msg -> {
                JobEvent e = Json.fromJson(msg.body(), JobEvent.class);
                if (e.subtaskId() != null && "passed".equals(e.status())) {
                    published.put(e.subtaskId(), System.nanoTime());
                }
            });
            List<Person> people = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                people.add(person(base, token, "bench" + i + "@bench.test"));
            }
            Vertx clients = Vertx.vertx();
            List<long[]> arrivals = new CopyOnWriteArrayList<>();
            Map<String, Long> latest = new ConcurrentHashMap<>();
            for (Person p : people) {
                for (int s = 0; s < socketsEach; s++) {
                    connect(clients, node.httpPort(), p, published, arrivals, latest);
                }
            }
            awaitRegistered(node.vertx(), people, latest, socketsEach);
            for (int i = 0; i < jobs; i++) {
                submitAndWait(base, people.get(i % people.size()), latest, socketsEach);
            }
            long[] lat = arrivals.stream().mapToLong(a -> a[0]).toArray();
            System.out.println(accounts * socketsEach + " connections, " + jobs + " jobs, " + lat.length + " deliveries");
            System.out.println("subtask result -> event at an open connection: " + new Stats(lat).summary());
            pageLoad(base);
            clients.close().await(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static Person person(String base, String adminToken, String email) throws Exception {
        post(base + "/api/v1/admin/accounts", "Bearer " + adminToken, null, null,
            Json.write(Map.of("email", email, "password", PASSWORD)), 201);
        HttpResponse<String> r = post(base + "/api/v1/sessions", null, null, null,
            Json.write(Map.of("email", email, "password", PASSWORD)), 201);
        String cookie = r.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
        JsonObject body = new JsonObject(r.body());
        return new Person(cookie, body.getString("csrfToken"), body.getJsonObject("account").getString("id"));
    }

    private static final String PROBE = "probe";

    private static void connect(Vertx vertx, int port, Person p, Map<String, Long> published, List<long[]> arrivals,
                                Map<String, Long> latest) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        var ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/eventbus/websocket")
            .addHeader("Cookie", p.cookie())).await(20, TimeUnit.SECONDS);
        ws.handler(data -> {
            JsonObject frame = new JsonObject(data);
            JsonObject body = frame.getJsonObject("body");
            if (body != null && PROBE.equals(body.getString("status")) && body.getString("subtaskId") != null) {
                latest.merge(body.getString("subtaskId"), 1L, Long::sum);
            } else if (body != null && "passed".equals(body.getString("status")) && body.getString("subtaskId") != null) {
                long now = System.nanoTime();
                Long at = published.get(body.getString("subtaskId"));
                if (at != null) {
                    arrivals.add(new long[] {now - at});
                }
                latest.merge(body.getString("subtaskId"), 1L, Long::sum);
            }
        });
        vertx.setPeriodic(10_000, id -> ws.writeTextMessage("{\"type\":\"ping\"}"));
        ws.writeTextMessage(new JsonObject().put("type", "register")
            .put("address", PortalAddresses.userJobs(p.account())).encode());
    }

    /**
     * Waits until every socket hears its account's job address: a probe event is published there
     * (as the portal's relay does) until each of the account's sockets has counted one.
     */
    private static void awaitRegistered(Vertx node, List<Person> people, Map<String, Long> heard, int sockets) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Person p : people) {
            String probe = "probe-" + p.account();
            while (heard.getOrDefault(probe, 0L) < sockets) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("sockets of " + p.account() + " never heard their job address");
                }
                node.eventBus().publish(PortalAddresses.userJobs(p.account()),
                    Json.toJson(new JobEvent("probe", probe, PROBE, null, java.time.Instant.now())));
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static void submitAndWait(String base, Person p, Map<String, Long> delivered, int sockets) throws Exception {
        String body = Json.write(Map.of("title", "bench", "language", "python", "files", Map.of("test_ok.py", TEST),
            "tests", List.of("test_ok.py"), "timeoutSeconds", 30));
        HttpResponse<String> r = post(base + "/api/v1/jobs", null, p.cookie(), p.csrf(), body, 202);
        String subtask = new JsonObject(r.body()).getString("id") + "-1";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (delivered.getOrDefault(subtask, 0L) < sockets && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static void pageLoad(String base) throws Exception {
        List<String> files = List.of("/", "/app.css", "/app.js", "/account/account.js", "/index.js");
        long t0 = System.nanoTime();
        long bytes = 0;
        for (String f : files) {
            bytes += get(base + f).length;
        }
        double cold = (System.nanoTime() - t0) / 1e6;
        long[] warm = new long[50];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            for (String f : files) {
                get(base + f);
            }
            warm[i] = System.nanoTime() - t;
        }
        System.out.printf("landing page: %d requests, %d bytes; first load %.1f ms; then %s%n", files.size(), bytes, cold,
            new Stats(warm).summary());
    }

    private static byte[] get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private static HttpResponse<String> post(String url, String auth, String cookie, String csrf, String body, int expect)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (cookie != null) {
            b.header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
