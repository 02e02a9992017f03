package io.edgecoder.portal;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.portal.app.PortalConfig;
import io.edgecoder.portal.app.PortalVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real {@link PortalVerticle} on a plain (non-clustered) Vert.x, bound to a free port, with a
 * web client. Other roles are played by tiny consumers a test registers with {@link #serve} or
 * {@link #record}. A test class that wants a fresh portal per test declares
 * {@code @AutoClose final PortalHarness portal = PortalHarness.start();} (JUnit makes a new
 * instance per test and closes the field after it).
 */
public final class PortalHarness implements AutoCloseable {
    public static final String TOKEN = "test-admin-token-0123456789abcdef";
    public static final Duration BUS_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration HEALTH_TIMEOUT = Duration.ofMillis(300);

    public final Vertx vertx;
    public final PrometheusMeterRegistry registry;
    public final NodeIdentity identity = NodeIdentity.ephemeral();
    public final BusClient bus;
    private final PortalVerticle verticle;
    private final WebClient client;

    private PortalHarness(Vertx vertx, PrometheusMeterRegistry registry, Duration busTimeout) {
        this.vertx = vertx;
        this.registry = registry;
        this.bus = new BusClient(vertx, Duration.ofSeconds(5));
        this.verticle = new PortalVerticle(new PortalConfig("127.0.0.1", 0, busTimeout, HEALTH_TIMEOUT, TOKEN,
            identity, registry));
        await(vertx.deployVerticle(verticle));
        this.client = WebClient.create(vertx, new WebClientOptions()
            .setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    }

    public static PortalHarness start() {
        return start(Vertx.vertx(), BUS_TIMEOUT);
    }

    public static PortalHarness start(Vertx vertx, Duration busTimeout) {
        return new PortalHarness(vertx, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), busTimeout);
    }

    public static PortalHarness start(Vertx vertx, PrometheusMeterRegistry registry) {
        return new PortalHarness(vertx, registry, BUS_TIMEOUT);
    }

    public int port() {
        return verticle.actualPort();
    }

    /** Plays another role: a cluster-wide consumer whose handler's Future is the reply. */
    public <Q> void serve(String address, Class<Q> type, Function<Q, Future<?>> handler) {
        await(bus.consumer(address, type, handler));
    }

    /** Like {@link #serve}, and keeps every request the consumer is asked, in order. */
    public <Q> List<Q> record(String address, Class<Q> type, Function<Q, Future<?>> answer) {
        return RecordingConsumer.on(bus, address, type, answer);
    }

    /** Plays a coordinator that queues every job as {@code j-1}; returns the jobs it was sent. */
    public List<JobSubmitRequest> queueingCoordinator() {
        return record(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.succeededFuture(new JobSubmitReply("j-1", "queued", null)));
    }

    /** Plays another role's local health answer. */
    public <Q> void serveLocal(String address, Class<Q> type, Function<Q, Future<?>> handler) {
        await(bus.localConsumer(address, type, handler));
    }

    public HttpRequest<Buffer> request(HttpMethod method, String path) {
        return client.request(method, path).bearerTokenAuthentication(TOKEN);
    }

    public HttpRequest<Buffer> anonymous(HttpMethod method, String path) {
        return client.request(method, path);
    }

    public HttpResponse<Buffer> get(String path) {
        return await(request(HttpMethod.GET, path).send());
    }

    public HttpResponse<Buffer> postJson(String path, JsonObject body) {
        return await(request(HttpMethod.POST, path).sendJsonObject(body));
    }

    public HttpResponse<Buffer> postText(String path, String body) {
        return await(request(HttpMethod.POST, path).putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(body)));
    }

    /** Waits up to 20 s on the test thread (never on an event loop). */
    public static <T> T await(Future<T> future) {
        try {
            return future.await(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no result within 20 s", e);
        }
    }

    @Override
    public void close() {
        client.close();
        await(vertx.close());
    }
}
