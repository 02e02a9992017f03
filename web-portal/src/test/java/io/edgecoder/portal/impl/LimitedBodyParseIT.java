package io.edgecoder.portal.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.MeshException;
import io.edgecoder.portal.PortalHarness;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LimitedBody#parse} keeps small bodies on the event loop and moves large ones to a worker. */
class LimitedBodyParseIT {
    private Vertx vertx;
    private WebClient client;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/parse").handler(new LimitedBody(256 * 1024)).handler(ctx ->
            LimitedBody.parse(ctx, LimitedBodyParseIT::whereParsed)
                .onSuccess(where -> HttpJson.send(ctx, 200, new JsonObject().put("on", where)))
                .onFailure(failure -> HttpJson.error(ctx, (MeshException) failure)));
        HttpServer server = PortalHarness.await(vertx.createHttpServer().requestHandler(router).listen(0));
        port = server.actualPort();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        client.close();
        PortalHarness.await(vertx.close());
    }

    @Test
    void bodyUpToTheInlineLimitIsParsedOnTheEventLoop() {
        assertThat(post(body(LimitedBody.INLINE_PARSE_BYTES)).bodyAsJsonObject().getString("on")).isEqualTo("event-loop");
    }

    @Test
    void bodyOverTheInlineLimitIsParsedOnAWorker() {
        assertThat(post(body(LimitedBody.INLINE_PARSE_BYTES + 1)).bodyAsJsonObject().getString("on")).isEqualTo("worker");
    }

    @Test
    void parserFailureOnAWorkerStillReachesTheRoute() {
        HttpResponse<Buffer> response = post(Buffer.buffer("!".repeat(LimitedBody.INLINE_PARSE_BYTES + 1)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).startsWith("body: malformed JSON");
    }

    private HttpResponse<Buffer> post(Buffer body) {
        return PortalHarness.await(client.post(port, "127.0.0.1", "/parse").sendBuffer(body));
    }

    /** A JSON object of exactly {@code bytes} bytes. */
    private static Buffer body(int bytes) {
        String prefix = "{\"pad\":\"";
        String suffix = "\"}";
        return Buffer.buffer(prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix);
    }

    private static String whereParsed(String body) {
        BodyFields.object(body);
        return Context.isOnEventLoopThread() ? "event-loop" : Context.isOnWorkerThread() ? "worker" : "other";
    }
}
