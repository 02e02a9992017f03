package io.edgecoder.portal;

import static io.edgecoder.portal.AccountsHarness.PASSWORD;
import static io.edgecoder.portal.AccountsHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Password reset by a mailed single-use link: the new password works, the old does not, every session ends. */
class AccountResetIT {
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @AutoClose
    private final AccountsHarness portal = AccountsHarness.start();

    private HttpResponse<Buffer> signIn(String password) {
        return send(portal.anonymous(HttpMethod.POST, "/api/v1/sessions"),
            new JsonObject().put("email", "ann@example.org").put("password", password));
    }

    private String requestLink() throws Exception {
        HttpResponse<Buffer> asked = send(portal.anonymous(HttpMethod.POST, "/api/v1/password-resets"),
            new JsonObject().put("email", "ANN@example.org"));
        assertThat(asked.statusCode()).isEqualTo(202);
        return AccountsHarness.linkToken(portal.awaitMail("ann@example.org", "Reset"));
    }

    private HttpResponse<Buffer> confirm(String token, String password) {
        return send(portal.anonymous(HttpMethod.POST, "/api/v1/password-resets/confirm"),
            new JsonObject().put("token", token).put("password", password));
    }

    @Test
    void aResetLinkSetsANewPasswordAndEndsEverySession() throws Exception {
        portal.register("ann@example.org");
        AccountsHarness.Browser before = portal.signIn("ann@example.org", PASSWORD);
        assertThat(send(before.client().request(HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(200);
        String token = requestLink();

        HttpResponse<Buffer> confirmed = confirm(token, NEW_PASSWORD);

        assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
        assertThat(send(before.client().request(HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(401);
        assertThat(signIn(PASSWORD).statusCode()).isEqualTo(401);
        assertThat(signIn(NEW_PASSWORD).statusCode()).isEqualTo(201);
        assertThat(portal.awaitMail("ann@example.org", "was changed")).contains("every session was signed out");
        assertThat(confirm(token, "yet another passphrase").statusCode()).isEqualTo(400);
    }

    @Test
    void aWeakPasswordLeavesTheLinkUsable() throws Exception {
        portal.register("ann@example.org");
        String token = requestLink();

        HttpResponse<Buffer> weak = confirm(token, "password");
        HttpResponse<Buffer> good = confirm(token, NEW_PASSWORD);

        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.bodyAsJsonObject().getString("message")).startsWith("password:");
        assertThat(good.statusCode()).isEqualTo(200);
    }

    @Test
    void aResetLinkExpiresAfterAnHourAndANewerLinkReplacesAnOlderOne() throws Exception {
        portal.register("ann@example.org");
        String older = requestLink();
        String newer = requestLink();

        HttpResponse<Buffer> replaced = confirm(older, NEW_PASSWORD);
        portal.clock.advance(Duration.ofMinutes(61));
        HttpResponse<Buffer> expired = confirm(newer, NEW_PASSWORD);

        assertThat(replaced.statusCode()).isEqualTo(400);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(signIn(PASSWORD).statusCode()).isEqualTo(201);
    }

    @Test
    void aResetEndsTheLockout() throws Exception {
        portal.register("ann@example.org");
        for (int i = 0; i < 5; i++) {
            signIn("wrong password " + i);
        }
        portal.clock.advance(Duration.ofMinutes(1));
        assertThat(signIn(PASSWORD).statusCode()).isEqualTo(429);

        confirm(requestLink(), NEW_PASSWORD);

        assertThat(signIn(NEW_PASSWORD).statusCode()).isEqualTo(201);
    }
}
