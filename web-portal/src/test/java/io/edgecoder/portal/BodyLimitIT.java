package io.edgecoder.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.JobSubmitRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Bodies beyond the route's limit are refused with 413 before anything is parsed or forwarded. */
class BodyLimitIT {
    @AutoClose
    private final PortalHarness portal = PortalHarness.start();
    private final List<JobSubmitRequest> submitted = portal.queueingCoordinator();

    @Test
    void jobBodyOver3MiBIs413() {
        JsonObject job = Jobs.python();
        job.getJsonObject("files").put("big.txt", "a".repeat(3 * 1024 * 1024 + 1));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", job);

        assertPayloadTooLarge(response.statusCode(), response.bodyAsJsonObject());
        assertThat(submitted).isEmpty();
    }

    @Test
    void jobBodyJustUnder3MiBIsReadAndJudgedOnItsFiles() {
        JsonObject job = Jobs.python();
        job.getJsonObject("files").put("big.txt", "a".repeat(3 * 1024 * 1024 - 4096));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", job);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).startsWith("files: total size exceeds");
    }

    @Test
    void chunkedJobBodyWithoutLengthIsCutOffAt3MiB() {
        HttpClient client = portal.vertx.createHttpClient();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(portal.port())
            .setURI("/api/v1/jobs").putHeader("Authorization", "Bearer " + PortalHarness.TOKEN)
            .putHeader("Content-Type", "application/json");
        Buffer chunk = Buffer.buffer("a".repeat(64 * 1024));

        Future<Map.Entry<Integer, Buffer>> sent = client.request(options).compose(request -> {
            request.setChunked(true);
            for (int i = 0; i < 64; i++) {
                request.write(chunk);
            }
            request.end();
            return request.response().compose(response -> response.body().map(body -> Map.entry(response.statusCode(), body)));
        });
        Map.Entry<Integer, Buffer> response = PortalHarness.await(sent);

        assertPayloadTooLarge(response.getKey(), response.getValue().toJsonObject());
        assertThat(submitted).isEmpty();
    }

    @Test
    void otherApiRoutesAcceptAt64KiB() {
        HttpResponse<Buffer> response = PortalHarness.await(portal.request(HttpMethod.GET, "/api/v1/workers")
            .sendBuffer(Buffer.buffer("x".repeat(64 * 1024 + 1))));

        assertPayloadTooLarge(response.statusCode(), response.bodyAsJsonObject());
    }

    private static void assertPayloadTooLarge(int status, JsonObject body) {
        assertThat(status).isEqualTo(413);
        assertThat(body.getString("error")).isEqualTo("payload_too_large");
        assertThat(body.getString("message")).startsWith("body:");
    }
}
