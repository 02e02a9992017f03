package io.edgecoder.portal.passkeys;

import static io.edgecoder.portal.PortalHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.portal.SignInHarness;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The passkey routes' rules and refusals without a browser (the ceremonies themselves: {@link PasskeyBrowserIT}). */
class PasskeyRoutesIT {
    private static final String PASSWORD = "a long enough passphrase 42";
    private static final JsonObject FORGED = new JsonObject().put("id", "AAAA").put("rawId", "AAAA").put("type", "public-key")
        .put("response", new JsonObject().put("clientDataJSON", "e30").put("attestationObject", "oA"));

    @AutoClose
    final SignInHarness portal = new SignInHarness();

    private WebClientSession signedIn(String email) {
        portal.accountWithPassword(email, PASSWORD);
        WebClientSession browser = portal.browser();
        csrf = portal.signIn(browser, email, PASSWORD);
        return browser;
    }

    private String csrf;

    private HttpRequest<Buffer> withCsrf(WebClientSession browser, HttpMethod method, String path) {
        return browser.request(method, path).putHeader("X-CSRF-Token", csrf);
    }

    private static String ceremonyCookie(WebClientSession browser) {
        for (var c : browser.cookieStore().get(false, "127.0.0.1", "/api/v1/passkeys")) {
            if (c.name().equals(PasskeyRoutes.CEREMONY_COOKIE)) {
                return c.value();
            }
        }
        throw new AssertionError("no ceremony cookie");
    }

    private static void answers(HttpResponse<Buffer> r, int status, String message) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.bodyAsJsonObject().getString("message")).contains(message);
    }

    @Test
    void registrationOptionsNameTheAccountAndRequireAResidentKeyWithUserVerification() {
        WebClientSession browser = signedIn("opt@example.org");
        HttpResponse<Buffer> r = await(withCsrf(browser, HttpMethod.POST, "/api/v1/passkeys/options").sendJsonObject(new JsonObject()));

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        JsonObject options = r.bodyAsJsonObject().getJsonObject("publicKey");
        assertThat(options.getJsonObject("rp").getString("id")).isEqualTo("localhost");
        assertThat(options.getJsonObject("user").getString("name")).isEqualTo("opt@example.org");
        assertThat(options.getJsonObject("authenticatorSelection").getString("residentKey")).isEqualTo("required");
        assertThat(options.getJsonObject("authenticatorSelection").getString("userVerification")).isEqualTo("required");
        assertThat(options.getString("challenge")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(r.cookies()).anyMatch(c -> c.startsWith(PasskeyRoutes.CEREMONY_COOKIE + "=") && c.contains("HTTPOnly") && c.contains("SameSite=Strict"));
    }

    @Test
    void aForgedRegistrationIsRefusedAndItsCeremonyCannotBeReused() {
        WebClientSession browser = signedIn("forge@example.org");
        await(withCsrf(browser, HttpMethod.POST, "/api/v1/passkeys/options").sendJsonObject(new JsonObject()));
        String ceremony = ceremonyCookie(browser);

        answers(await(withCsrf(browser, HttpMethod.POST, "/api/v1/passkeys")
            .sendJsonObject(new JsonObject().put("name", "forged").put("credential", FORGED))), 401, "not accepted");
        DefaultCookie replayed = new DefaultCookie(PasskeyRoutes.CEREMONY_COOKIE, ceremony);
        replayed.setPath("/api/v1");
        browser.cookieStore().put(replayed);
        answers(await(withCsrf(browser, HttpMethod.POST, "/api/v1/passkeys")
            .sendJsonObject(new JsonObject().put("name", "again").put("credential", FORGED))), 401, "unknown, used or expired");
        assertThat(await(browser.get("/api/v1/passkeys").send()).bodyAsJsonObject().getJsonArray("passkeys")).isEmpty();
    }

    @Test
    void aSignInWithoutItsCeremonyOrWithBadInputIsRefused() {
        WebClientSession stranger = portal.browser();
        answers(await(stranger.post("/api/v1/sessions/passkey").sendJsonObject(new JsonObject().put("credential", FORGED))),
            401, "no login ceremony");
        answers(await(stranger.post("/api/v1/sessions/passkey").sendJsonObject(new JsonObject().put("credential", "x"))),
            400, "credential");
        answers(await(stranger.post("/api/v1/sessions/passkey").putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"credential\":"))), 400, "body");
        HttpResponse<Buffer> form = await(stranger.post("/api/v1/sessions/passkey/options")
            .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("a=b")));
        assertThat(form.statusCode()).isEqualTo(415);

        HttpResponse<Buffer> options = await(stranger.post("/api/v1/sessions/passkey/options").sendJsonObject(new JsonObject()));
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.bodyAsJsonObject().getJsonObject("publicKey").containsKey("allowCredentials")).isFalse();
        answers(await(stranger.post("/api/v1/sessions/passkey").sendJsonObject(new JsonObject().put("credential",
            FORGED.copy().put("response", new JsonObject().put("clientDataJSON", "e30").put("authenticatorData", "AA")
                .put("signature", "AA"))))), 401, "not accepted");
    }

    @Test
    void managingPasskeysNeedsASessionWithItsCsrfTokenAndValidInput() {
        WebClientSession browser = signedIn("rules@example.org");
        answers(await(browser.post("/api/v1/passkeys/options").sendJsonObject(new JsonObject())), 403, "csrf");
        answers(await(withCsrf(browser, HttpMethod.DELETE, "/api/v1/passkeys/abc").send()), 400, "id");
        answers(await(withCsrf(browser, HttpMethod.DELETE, "/api/v1/passkeys/999").send()), 404, "no passkey 999");
        answers(await(withCsrf(browser, HttpMethod.POST, "/api/v1/passkeys")
            .sendJsonObject(new JsonObject().put("name", "x".repeat(65)).put("credential", FORGED))), 400, "name");
        answers(await(withCsrf(browser, HttpMethod.POST, "/api/v1/passkeys")
            .sendJsonObject(new JsonObject().put("name", "a\u0000b").put("credential", FORGED))), 400, "name");

        JsonObject token = await(withCsrf(browser, HttpMethod.POST, "/api/v1/tokens")
            .sendJsonObject(new JsonObject().put("name", "cli").put("scopes", new io.vertx.core.json.JsonArray().add("admin"))))
            .bodyAsJsonObject();
        HttpResponse<Buffer> list = await(portal.browser().get("/api/v1/passkeys").bearerTokenAuthentication(token.getString("token"))
            .send());
        assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
        answers(await(portal.browser().post("/api/v1/passkeys/options").bearerTokenAuthentication(token.getString("token"))
            .sendJsonObject(new JsonObject())), 403, "signed-in browser session");
        answers(await(portal.browser().get("/api/v1/passkeys").bearerTokenAuthentication(io.edgecoder.portal.PortalHarness.TOKEN)
            .send()), 400, "admin token");
    }

    @Test
    void removingAPasskeyNeedsAFreshSignInOrThePassword() {
        WebClientSession browser = signedIn("stale@example.org");
        portal.clock.advance(java.time.Duration.ofMinutes(11));

        answers(await(withCsrf(browser, HttpMethod.DELETE, "/api/v1/passkeys/999").send()), 401, "to remove a passkey");
        answers(await(withCsrf(browser, HttpMethod.DELETE, "/api/v1/passkeys/999")
            .sendJsonObject(new JsonObject().put("currentPassword", "wrong password here"))), 401, "wrong password");
        answers(await(withCsrf(browser, HttpMethod.DELETE, "/api/v1/passkeys/999")
            .sendJsonObject(new JsonObject().put("currentPassword", PASSWORD))), 404, "no passkey 999");
    }
}
