package io.edgecoder.app.bench;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.portal.accounts.AbuseLimits;
import io.edgecoder.portal.accounts.AccountsConfig;
import io.edgecoder.portal.accounts.PasswordHasher;
import io.edgecoder.portal.app.PortalConfig;
import io.edgecoder.portal.app.PortalVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The accounts' figures on one real portal (embedded PostgreSQL, the production Argon2id parameters):
 * <ul>
 *   <li>{@code signin [rate...]}: sign-ins per second offered at a fixed rate (open loop, each latency
 *       measured from the moment the request was due), 15 s per rate, over 50 accounts; prints p50, p99
 *       and failures per rate. The rate limits are raised for the run: the figure is the node's capacity.</li>
 *   <li>{@code auth [n]}: latency of an {@code /api} request that does nothing after authentication (an
 *       unknown route, 404), sequentially, with the admin token, a personal token and a session; then again
 *       with the credential cache off (a database lookup per request).</li>
 * </ul>
 * Usage: AccountsBench signin 10 20 30 | AccountsBench auth 20000
 */
public final class AccountsBench {
    private static final String ADMIN = "bench-admin-token-0123456789abcdef";
    private static final String PASSWORD = "correct horse battery staple";
    private static final int ACCOUNTS = 50;
    private static final AbuseLimits OPEN = new AbuseLimits(1_000_000, 1_000_000, 1_000_000, Duration.ofMinutes(1), 1_000_000,
        1_000_000, 1_000_000, 1_000_000);

    private AccountsBench() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        String db = TestDatabase.freshDatabase();
        PortalVerticle portal = start(vertx, db, Duration.ofSeconds(30));
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(portal.actualPort()),
            new PoolOptions().setHttp1MaxSize(256));
        createAccounts(client);
        if (args.length > 0 && args[0].equals("auth")) {
            auth(vertx, client, db, args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
        } else {
            List<Integer> rates = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                rates.add(Integer.parseInt(args[i]));
            }
            for (int rate : rates.isEmpty() ? List.of(5, 10, 20, 30, 40) : rates) {
                System.out.println("sign-in at " + rate + "/s for 15 s: " + signIns(vertx, client, rate, 15));
            }
        }
        System.exit(0);
    }

    private static PortalVerticle start(Vertx vertx, String db, Duration cacheTtl) throws Exception {
        AccountsConfig d = AccountsConfig.defaults(db, null, TempFiles.directoryRemovedAtExit("bench-mail").resolve("outbox"));
        AccountsConfig accounts = new AccountsConfig(db, 8, PasswordHasher.Params.DEFAULT, false, d.sessionLifetime(), d.sessionIdle(),
            d.maxTokenDays(), cacheTtl, OPEN, null, d.outbox());
        PortalVerticle portal = new PortalVerticle(new PortalConfig("127.0.0.1", 0, Duration.ofSeconds(10), Duration.ofSeconds(1), ADMIN,
            NodeIdentity.ephemeral(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), null, accounts));
        await(vertx.deployVerticle(portal));
        return portal;
    }

    private static void createAccounts(WebClient client) throws Exception {
        for (int i = 0; i < ACCOUNTS; i++) {
            HttpResponse<Buffer> r = await(client.post("/api/v1/admin/accounts").bearerTokenAuthentication(ADMIN)
                .sendJsonObject(new JsonObject().put("email", "user" + i + "@bench.example").put("password", PASSWORD)));
            check(r, 201);
        }
    }

    private static String signIns(Vertx vertx, WebClient client, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long[] samples = new long[total];
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Promise<Void> finished = Promise.promise();
        long start = System.nanoTime();
        double intervalNanos = 1e9 / rate;
        for (int i = 0; i < total; i++) {
            int n = i;
            long due = start + (long) (n * intervalNanos);
            vertx.setTimer(Math.max(1, (due - System.nanoTime()) / 1_000_000), id -> client.post("/api/v1/sessions")
                .sendJsonObject(new JsonObject().put("email", "user" + (n % ACCOUNTS) + "@bench.example").put("password", PASSWORD))
                .onComplete(ar -> {
                    samples[n] = System.nanoTime() - due;
                    if (ar.failed() || ar.result().statusCode() != 201) {
                        failures.incrementAndGet();
                    }
                    if (done.incrementAndGet() == total) {
                        finished.complete();
                    }
                }));
        }
        await(finished.future());
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Stats(samples).summary() + ", failures " + failures.get() + ", achieved " + String.format("%.1f/s", total / elapsed);
    }

    private static void auth(Vertx vertx, WebClient client, String db, int n) throws Exception {
        HttpResponse<Buffer> signIn = await(client.post("/api/v1/sessions")
            .sendJsonObject(new JsonObject().put("email", "user0@bench.example").put("password", PASSWORD)));
        check(signIn, 201);
        String cookie = signIn.cookies().get(0).split(";")[0];
        String csrf = signIn.bodyAsJsonObject().getString("csrfToken");
        HttpResponse<Buffer> made = await(client.post("/api/v1/tokens").putHeader("Cookie", cookie).putHeader("X-CSRF-Token", csrf)
            .sendJsonObject(new JsonObject().put("name", "bench").put("scopes", new JsonArray().add("read"))));
        check(made, 201);
        String token = made.bodyAsJsonObject().getString("token");
        report("cached", client, token, cookie, n);
        PortalVerticle uncached = start(vertx, db, Duration.ZERO);
        WebClient direct = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(uncached.actualPort()));
        report("no cache (a database lookup per request)", direct, token, cookie, n / 4);
    }

    private static void report(String label, WebClient client, String token, String cookie, int n) throws Exception {
        Stats admin = measure(() -> client.get("/api/v1/bench-nothing").bearerTokenAuthentication(ADMIN), n);
        Stats personal = measure(() -> client.get("/api/v1/bench-nothing").bearerTokenAuthentication(token), n);
        Stats session = measure(() -> client.get("/api/v1/bench-nothing").putHeader("Cookie", cookie), n);
        System.out.println(label + ": admin token    " + admin.summary());
        System.out.println(label + ": personal token " + personal.summary() + String.format(" (p50 +%.3f ms over the admin token)",
            personal.percentileMillis(50) - admin.percentileMillis(50)));
        System.out.println(label + ": session cookie " + session.summary() + String.format(" (p50 +%.3f ms over the admin token)",
            session.percentileMillis(50) - admin.percentileMillis(50)));
    }

    private static Stats measure(Supplier<HttpRequest<Buffer>> request, int n) throws Exception {
        for (int i = 0; i < Math.min(2000, n); i++) {
            check(await(request.get().send()), 404);
        }
        long[] samples = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            check(await(request.get().send()), 404);
            samples[i] = System.nanoTime() - t0;
        }
        return new Stats(samples);
    }

    private static void check(HttpResponse<Buffer> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r.statusCode() + " " + r.bodyAsString());
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    }
}
