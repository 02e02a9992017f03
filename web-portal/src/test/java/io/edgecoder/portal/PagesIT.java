package io.edgecoder.portal;

import static io.edgecoder.portal.PortalHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages come from the jar on the API's port, under a strict content policy, and leave /api JSON. */
class PagesIT {
    private static AccountsHarness portal;

    @BeforeAll
    static void start() {
        portal = AccountsHarness.start();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    private static HttpResponse<Buffer> get(String path) {
        return await(portal.anonymous(HttpMethod.GET, path).send());
    }

    @Test
    void theLandingPageIsServedWithAStrictContentPolicy() {
        HttpResponse<Buffer> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.bodyAsString()).contains("Sign in").contains("/app.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'")
            .doesNotContain("unsafe-inline");
        assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void everyPageAndItsScriptIsThere() {
        for (String name : new String[] {"jobs", "job", "credits", "account", "nodes", "dashboard", "verify-email", "reset-password"}) {
            assertThat(get("/" + name + ".html").statusCode()).as(name).isEqualTo(200);
            assertThat(get("/" + name + ".js").statusCode()).as(name + ".js").isEqualTo(200);
        }
        assertThat(get("/app.css").getHeader("Content-Type")).startsWith("text/css");
        assertThat(get("/verify-email").bodyAsString()).contains("Confirm your email");
        assertThat(get("/reset-password").bodyAsString()).contains("Choose a new password");
    }

    @Test
    void unknownPathsStayJsonErrorsAndTheApiStaysGuarded() {
        HttpResponse<Buffer> missing = get("/no-such-page.html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.bodyAsJsonObject().getString("error")).isNotBlank();
        assertThat(get("/api/v1/jobs").statusCode()).isEqualTo(401);
        assertThat(get("/../../etc/passwd").statusCode()).isIn(400, 404);
    }
}
