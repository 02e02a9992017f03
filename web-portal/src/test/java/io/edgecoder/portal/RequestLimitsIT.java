package io.edgecoder.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.portal.impl.InvalidRequests;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Requests the HTTP decoder refuses before any route sees them still get the portal's JSON
 * error: a URL too long for the request line is 414, oversized headers 431.
 */
class RequestLimitsIT {
    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    @Test
    void aUrlTooLongIsAJson414NotADroppedConnection() {
        String path = "/api/v1/jobs/" + "a".repeat(InvalidRequests.MAX_REQUEST_LINE);

        HttpResponse<Buffer> response = portal.get(path);

        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonObject error = response.bodyAsJsonObject();
        assertThat(error.getString("error")).isEqualTo("uri_too_long");
        assertThat(error.getString("message")).startsWith("url:").contains("4096 bytes");
    }

    @Test
    void aUrlJustWithinTheLimitReachesTheRoutes() {
        String line = "GET  HTTP/1.1";
        String path = "/api/v1/jobs/" + "a".repeat(InvalidRequests.MAX_REQUEST_LINE - line.length() - "/api/v1/jobs/".length());

        HttpResponse<Buffer> response = portal.get(path);

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.bodyAsJsonObject().getString("message")).doesNotStartWith("url:");
    }

    @Test
    void oversizedHeadersAreAJson431() {
        HttpResponse<Buffer> response = PortalHarness.await(portal.request(HttpMethod.GET, "/api/v1/jobs")
            .putHeader("X-Padding", "p".repeat(InvalidRequests.MAX_HEADER_BYTES)).send());

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("headers_too_large");
    }

    @Test
    void aRawClientSeesTheJsonAnswerBeforeTheConnectionCloses() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", portal.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).containsPattern("^HTTP/1\\.[01] 414 ").contains("application/json").contains("\"error\":\"uri_too_long\"");
        }
    }
}
