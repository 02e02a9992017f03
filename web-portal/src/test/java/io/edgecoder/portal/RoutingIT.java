package io.edgecoder.portal;

import static io.edgecoder.portal.JobSubmitIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Answers outside the routes are JSON too, and every answer carries the security headers. */
class RoutingIT {
    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    @Test
    void unknownPathIsJson404() {
        HttpResponse<Buffer> response = PortalHarness.await(portal.anonymous(HttpMethod.GET, "/nothing").send());

        assertError(response, 404, "not_found", "no such resource: GET /nothing");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void unknownApiPathIsJson404ForTheAdmin() {
        assertError(portal.get("/api/v2/jobs"), 404, "not_found", "no such resource: GET /api/v2/jobs");
    }

    @Test
    void wrongMethodIsJson405() {
        HttpResponse<Buffer> response = PortalHarness.await(portal.request(HttpMethod.DELETE, "/api/v1/jobs").send());

        assertError(response, 405, "method_not_allowed", "method not allowed: DELETE /api/v1/jobs");
    }

    @Test
    void apiAnswersCarrySecurityHeadersAndAreNeverCached() {
        HttpResponse<Buffer> response = portal.get("/api/v1/jobs/x");

        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'none'");
    }
}
