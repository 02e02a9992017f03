package io.edgecoder.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every {@code /api} route needs the admin bearer token; health and metrics need nothing. */
class AuthIT {
    private static final List<String> API_GETS = List.of("/api/v1/jobs", "/api/v1/jobs/j-1", "/api/v1/ledger/balances",
        "/api/v1/ledger/verify", "/api/v1/workers", "/api/v1/nothing-here");

    @AutoClose
    private final PortalHarness portal = PortalHarness.start();
    private final List<JobSubmitRequest> submitted = portal.queueingCoordinator();

    @Test
    void everyApiRouteWithoutATokenIs401() {
        for (String path : API_GETS) {
            HttpResponse<Buffer> response = PortalHarness.await(portal.anonymous(HttpMethod.GET, path).send());

            assertUnauthorized(response, "Authorization: Bearer <token> header required");
        }
        HttpResponse<Buffer> post = PortalHarness.await(portal.anonymous(HttpMethod.POST, "/api/v1/jobs")
            .sendJsonObject(Jobs.python()));
        assertUnauthorized(post, "Authorization: Bearer <token> header required");
        assertThat(submitted).isEmpty();
    }

    @ParameterizedTest(name = "Authorization: {0} → 401")
    @ValueSource(strings = {"Bearer wrong-token-0123456789abcdef", "Bearer " + PortalHarness.TOKEN + "x",
        "Bearer test-admin-token", "Bearer  ", "Basic dGVzdDp0ZXN0", PortalHarness.TOKEN})
    void wrongCredentialIs401AndCounted(String header) {
        HttpRequest<Buffer> request = portal.anonymous(HttpMethod.POST, "/api/v1/jobs").putHeader("Authorization", header);

        HttpResponse<Buffer> response = PortalHarness.await(request.sendJsonObject(Jobs.python()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
        assertThat(submitted).isEmpty();
        assertThat(portal.registry.counter(PortalMeters.AUTH_FAILURES).count()).isEqualTo(1.0);
    }

    @Test
    void adminTokenIsAcceptedWhateverTheCaseOfTheScheme() {
        portal.serve(CoordinatorAddresses.WORKER_LIST, WorkerListRequest.class,
            request -> Future.succeededFuture(new WorkerListReply(List.of())));

        HttpResponse<Buffer> response = PortalHarness.await(portal.anonymous(HttpMethod.GET, "/api/v1/workers")
            .putHeader("Authorization", "bearer " + PortalHarness.TOKEN).send());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("workers", new io.vertx.core.json.JsonArray()));
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        HttpResponse<Buffer> health = PortalHarness.await(portal.anonymous(HttpMethod.GET, "/health").send());
        HttpResponse<Buffer> metrics = PortalHarness.await(portal.anonymous(HttpMethod.GET, "/metrics").send());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
    }

    private static void assertUnauthorized(HttpResponse<Buffer> response, String message) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"edgecoder\"");
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        assertThat(response.bodyAsJsonObject())
            .isEqualTo(new JsonObject().put("error", "unauthorized").put("message", message));
    }
}
