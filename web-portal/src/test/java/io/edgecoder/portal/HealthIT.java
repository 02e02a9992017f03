package io.edgecoder.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Role;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.RoleHealth;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code /health} asks each role of this node and reports absent, up and down roles and the database. */
class HealthIT {
    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    @Test
    void portalAloneIsUpWithEveryOtherRoleAbsent() {
        HttpResponse<Buffer> response = portal.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
            .put("status", "up")
            .put("node", portal.identity.nodeId())
            .put("roles", new JsonObject().put("coordinator", "absent").put("inference", "absent").put("ledger", "absent")
                .put("worker", "absent").put("control", "absent").put("portal", "up"))
            .put("database", "absent"));
    }

    @Test
    void rolesThatAnswerUpWithTheirDatabaseUpMakeTheNodeUp() {
        answer(Role.COORDINATOR, "up", Map.of("database", "up"));
        answer(Role.LEDGER, "up", Map.of("database", "up"));
        answer(Role.WORKER, "up", Map.of());

        HttpResponse<Buffer> response = portal.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject health = response.bodyAsJsonObject();
        assertThat(health.getString("status")).isEqualTo("up");
        assertThat(health.getString("database")).isEqualTo("up");
        assertThat(health.getJsonObject("roles").getMap()).containsEntry("coordinator", "up").containsEntry("ledger", "up")
            .containsEntry("worker", "up").containsEntry("inference", "absent");
    }

    @Test
    void roleThatReportsDownMakesTheNodeDegradedWith503() {
        answer(Role.COORDINATOR, "up", Map.of("database", "up"));
        answer(Role.WORKER, "down", Map.of());

        HttpResponse<Buffer> response = portal.get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonObject health = response.bodyAsJsonObject();
        assertThat(health.getString("status")).isEqualTo("degraded");
        assertThat(health.getJsonObject("roles").getString("worker")).isEqualTo("down");
        assertThat(health.getString("database")).isEqualTo("up");
    }

    @Test
    void databaseReportedDownByAnyRoleMakesTheNodeDegraded() {
        answer(Role.COORDINATOR, "up", Map.of("database", "up"));
        answer(Role.LEDGER, "up", Map.of("database", "down"));

        HttpResponse<Buffer> response = portal.get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.bodyAsJsonObject().getString("database")).isEqualTo("down");
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("degraded");
    }

    @Test
    void roleThatDoesNotAnswerIsDownWithinTheHealthTimeout() {
        portal.serveLocal(NodeAddresses.roleHealth(Role.INFERENCE), HealthRequest.class, request -> Promise.promise().future());

        long started = System.nanoTime();
        HttpResponse<Buffer> response = portal.get("/health");
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.bodyAsJsonObject().getJsonObject("roles").getString("inference")).isEqualTo("down");
        assertThat(tookMs).isBetween(PortalHarness.HEALTH_TIMEOUT.toMillis() - 50, 5_000L);
    }

    @Test
    void roleWhoseHealthHandlerFailsIsDown() {
        portal.serveLocal(NodeAddresses.roleHealth(Role.CONTROL), HealthRequest.class,
            request -> Future.failedFuture(new IllegalStateException("boom")));

        HttpResponse<Buffer> response = portal.get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.bodyAsJsonObject().getJsonObject("roles").getString("control")).isEqualTo("down");
    }

    @Test
    void portalAnswersItsOwnRoleHealthOnTheBus() {
        RoleHealth health = PortalHarness.await(portal.bus.request(NodeAddresses.roleHealth(Role.PORTAL),
            new HealthRequest(), RoleHealth.class));

        assertThat(health.role()).isEqualTo("portal");
        assertThat(health.status()).isEqualTo("up");
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        HttpResponse<Buffer> up = PortalHarness.await(portal.anonymous(HttpMethod.HEAD, "/health").send());

        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).isNull();
        assertThat(up.getHeader("Content-Type")).startsWith("application/json");

        answer(Role.WORKER, "down", Map.of());
        HttpResponse<Buffer> degraded = PortalHarness.await(portal.anonymous(HttpMethod.HEAD, "/health").send());

        assertThat(degraded.statusCode()).isEqualTo(503);
        assertThat(degraded.body()).isNull();
        assertThat(portal.get("/health").statusCode()).isEqualTo(503);
    }

    @Test
    void healthIsNeverCached() {
        HttpResponse<Buffer> response = portal.get("/health");

        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    }

    private void answer(Role role, String status, Map<String, String> details) {
        portal.serveLocal(NodeAddresses.roleHealth(role), HealthRequest.class,
            request -> Future.succeededFuture(new RoleHealth(role.id(), status, details)));
    }
}
