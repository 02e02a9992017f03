package io.edgecoder.portal;

import static io.edgecoder.portal.AccountsHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input to the account routes is a 4xx whose message names the field; nothing is created. */
class AccountInputIT {
    private static AccountsHarness portal;

    @BeforeAll
    static void start() {
        portal = AccountsHarness.start();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static Stream<Arguments> badSignUps() {
        String longLocal = "a".repeat(65) + "@example.org";
        String longEmail = "a".repeat(64) + "@" + ("b".repeat(63) + ".").repeat(3) + "org";
        return Stream.of(
            Arguments.of("{}", "email: required"),
            Arguments.of("{\"email\": \"ann@example.org\"}", "password: required"),
            Arguments.of("{\"email\": 7, \"password\": \"long enough passphrase\"}", "email: must be a string, got a number"),
            Arguments.of("{\"email\": \"ann@example.org\", \"password\": [1]}", "password: must be a string, got a list"),
            Arguments.of("[1, 2]", "body: must be a JSON object"),
            Arguments.of("{\"email\": ", "body: malformed JSON"),
            Arguments.of(body("no-at-sign.example.org", "long enough passphrase"), "email: must be an address"),
            Arguments.of(body(longLocal, "long enough passphrase"), "email: the part before @"),
            Arguments.of(body(longEmail, "long enough passphrase"), "email: longer than 254"),
            Arguments.of(body("x".repeat(2000) + "@example.org", "long enough passphrase"), "email: longer than 254"),
            Arguments.of(body("\u202eann@example.org", "long enough passphrase"), "email: the part before @"),
            Arguments.of(body("a\u200bnn@example.org", "long enough passphrase"), "email: the part before @"),
            Arguments.of(body("ann@exa mple.org", "long enough passphrase"), "email: the domain"),
            Arguments.of(body("ann@localhost", "long enough passphrase"), "email: the domain must have at least two labels"),
            Arguments.of(body("ann@example.org", "short"), "password: must be at least 10"),
            Arguments.of(body("ann@example.org", "p".repeat(129)), "password: must be at most 128"),
            Arguments.of(body("ann@example.org", "x".repeat(600)), "password: must be at most 128"),
            Arguments.of(body("ann@example.org", "qwertyuiop"), "password: too common"),
            Arguments.of(body("ann@example.org", "aaaaaaaaaaaaaaa"), "password: too common"),
            Arguments.of(body("ann@example.org", "Ann@Example.org"), "password: must not be your email"),
            Arguments.of(body("ann@example.org", "tab\there and long"), "password: must not contain control"));
    }

    private static String body(String email, String password) {
        return new JsonObject().put("email", email).put("password", password).encode();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSignUps")
    void aBadSignUpIs400NamingTheField(String body, String message) {
        HttpResponse<Buffer> r = PortalHarness.await(portal.anonymous(HttpMethod.POST, "/api/v1/accounts")
            .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("bad_request");
        assertThat(r.bodyAsJsonObject().getString("message")).startsWith(message);
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIs415() {
        HttpResponse<Buffer> r = PortalHarness.await(portal.anonymous(HttpMethod.POST, "/api/v1/sessions")
            .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(body("ann@example.org", "long enough passphrase"))));

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.bodyAsJsonObject().getString("message")).startsWith("content-type:");
    }

    @Test
    void aCrossSiteBrowserRequestIsRefused() {
        HttpResponse<Buffer> r = PortalHarness.await(portal.anonymous(HttpMethod.POST, "/api/v1/sessions")
            .putHeader("Sec-Fetch-Site", "cross-site").sendJsonObject(new JsonObject(body("ann@example.org", "long enough passphrase"))));

        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void aBodyOverFourKibIs413() {
        HttpResponse<Buffer> r = send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts"),
            new JsonObject().put("email", "ann@example.org").put("password", "p".repeat(5000)));

        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void anInternationalDomainIsStoredInItsAsciiForm() throws Exception {
        JsonObject account = portal.register("Zoe@B\u00fccher.example");

        assertThat(account.getString("email")).isEqualTo("zoe@xn--bcher-kva.example");
    }

    @Test
    void badTokenInputsAre400() {
        for (String token : new String[] {"", "x".repeat(500), "ecv_ with space", "ecv_unknown"}) {
            HttpResponse<Buffer> r = send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts/verify"), new JsonObject().put("token", token));

            assertThat(r.statusCode()).as(token).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("message")).startsWith("token:");
        }
    }
}
