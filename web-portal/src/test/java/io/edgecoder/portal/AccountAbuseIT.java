package io.edgecoder.portal;

import static io.edgecoder.portal.AccountsHarness.PASSWORD;
import static io.edgecoder.portal.AccountsHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.portal.accounts.AbuseLimits;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Rate limits (429 with Retry-After), the lockout after failed sign-ins, and answers that do not reveal accounts. */
class AccountAbuseIT {
    private static final AbuseLimits TIGHT = new AbuseLimits(100, 3, 3, Duration.ofMinutes(15), 100, 100, 100, 2);

    @AutoClose
    private final AccountsHarness portal = AccountsHarness.start(TIGHT);

    private HttpResponse<Buffer> signIn(String email, String password) {
        return send(portal.anonymous(HttpMethod.POST, "/api/v1/sessions"), new JsonObject().put("email", email).put("password", password));
    }

    @Test
    void signInsBeyondTheLimitPerEmailAre429WithRetryAfter() throws Exception {
        portal.register("ann@example.org");
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("ann@example.org", PASSWORD).statusCode()).isEqualTo(201);
        }

        HttpResponse<Buffer> fourth = signIn("ann@example.org", PASSWORD);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.bodyAsJsonObject().getString("error")).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(fourth.getHeader("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void repeatedFailuresLockTheEmailEvenForTheRightPasswordUntilTheLockoutEnds() throws Exception {
        portal.register("bob@example.org");
        HttpResponse<Buffer> last = null;
        for (int i = 0; i < 3; i++) {
            last = signIn("bob@example.org", "wrong password " + i);
        }
        portal.clock.advance(Duration.ofMinutes(1));

        HttpResponse<Buffer> locked = signIn("bob@example.org", PASSWORD);
        portal.clock.advance(Duration.ofMinutes(15));
        HttpResponse<Buffer> after = signIn("bob@example.org", PASSWORD);

        assertThat(last.statusCode()).isEqualTo(401);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.bodyAsJsonObject().getString("message")).startsWith("too many failed sign-ins");
        assertThat(Integer.parseInt(locked.getHeader("Retry-After"))).isBetween(800, 900);
        assertThat(after.statusCode()).isEqualTo(201);
    }

    @Test
    void anUnknownEmailIsLockedTheSameWayAsAKnownOne() {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("nobody@example.org", "wrong password " + i).statusCode()).isEqualTo(401);
        }
        portal.clock.advance(Duration.ofMinutes(1));

        HttpResponse<Buffer> locked = signIn("nobody@example.org", "wrong password again");

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.bodyAsJsonObject().getString("message")).startsWith("too many failed sign-ins");
    }

    @Test
    void tokenCreationIsLimitedPerAccount() throws Exception {
        portal.register("cy@example.org");
        AccountsHarness.Browser cy = portal.signIn("cy@example.org", PASSWORD);
        JsonObject body = new JsonObject().put("name", "t").put("scopes", new JsonArray().add("read"));

        int first = send(cy.request(HttpMethod.POST, "/api/v1/tokens"), body).statusCode();
        int second = send(cy.request(HttpMethod.POST, "/api/v1/tokens"), body).statusCode();
        HttpResponse<Buffer> third = send(cy.request(HttpMethod.POST, "/api/v1/tokens"), body);

        assertThat(first).isEqualTo(201);
        assertThat(second).isEqualTo(201);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.getHeader("Retry-After")).isNotNull();
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        portal.register("dee@example.org");

        HttpResponse<Buffer> wrong = signIn("dee@example.org", "not her password");
        HttpResponse<Buffer> unknown = signIn("nobody-here@example.org", "not her password");

        assertThat(wrong.statusCode()).isEqualTo(401).isEqualTo(unknown.statusCode());
        assertThat(wrong.bodyAsString()).isEqualTo(unknown.bodyAsString());
        assertThat(wrong.getHeader("WWW-Authenticate")).isEqualTo(unknown.getHeader("WWW-Authenticate"));
        assertThat(wrong.cookies()).isEmpty();
    }

    @Test
    void signUpAndResetAnswerTheSameForTakenAndFreeEmails() throws Exception {
        portal.register("eve@example.org");
        JsonObject taken = new JsonObject().put("email", "eve@example.org").put("password", "another long passphrase");
        JsonObject free = new JsonObject().put("email", "fresh@example.org").put("password", "another long passphrase");

        HttpResponse<Buffer> signUpTaken = send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts"), taken);
        HttpResponse<Buffer> signUpFree = send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts"), free);
        HttpResponse<Buffer> resetTaken = send(portal.anonymous(HttpMethod.POST, "/api/v1/password-resets"),
            new JsonObject().put("email", "eve@example.org"));
        HttpResponse<Buffer> resetFree = send(portal.anonymous(HttpMethod.POST, "/api/v1/password-resets"),
            new JsonObject().put("email", "nobody@example.org"));

        assertThat(signUpTaken.statusCode()).isEqualTo(202).isEqualTo(signUpFree.statusCode());
        assertThat(signUpTaken.bodyAsString()).isEqualTo(signUpFree.bodyAsString());
        assertThat(resetTaken.statusCode()).isEqualTo(202).isEqualTo(resetFree.statusCode());
        assertThat(resetTaken.bodyAsString()).isEqualTo(resetFree.bodyAsString());
        assertThat(portal.awaitMail("eve@example.org", "Your EdgeCoder account")).contains("already has an account");
        assertThat(portal.awaitMail("fresh@example.org", "Confirm")).contains("verify-email#token=ecv_");
    }

    @Test
    void aVerificationLinkWorksOnceAndNotAfterADay() throws Exception {
        send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts"), new JsonObject().put("email", "gil@example.org").put("password", PASSWORD));
        String first = AccountsHarness.linkToken(portal.awaitMail("gil@example.org", "Confirm"));
        send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts"), new JsonObject().put("email", "hal@example.org").put("password", PASSWORD));
        String second = AccountsHarness.linkToken(portal.awaitMail("hal@example.org", "Confirm"));

        int used = send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts/verify"), new JsonObject().put("token", first)).statusCode();
        HttpResponse<Buffer> again = send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts/verify"), new JsonObject().put("token", first));
        portal.clock.advance(Duration.ofHours(25));
        HttpResponse<Buffer> late = send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts/verify"), new JsonObject().put("token", second));

        assertThat(used).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.bodyAsJsonObject().getString("message")).isEqualTo("token: unknown, already used or expired");
        assertThat(late.statusCode()).isEqualTo(400);
    }

    @Test
    void aSecondSignUpBeforeVerificationReplacesTheFirstLink() throws Exception {
        JsonObject attacker = new JsonObject().put("email", "ivy@example.org").put("password", "attacker chosen secret");
        send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts"), attacker);
        String stale = AccountsHarness.linkToken(portal.awaitMail("ivy@example.org", "Confirm"));
        send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts"), new JsonObject().put("email", "ivy@example.org").put("password", PASSWORD));
        String fresh = AccountsHarness.linkToken(portal.awaitMail("ivy@example.org", "Confirm"));

        int staleAnswer = send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts/verify"), new JsonObject().put("token", stale))
            .statusCode();
        int freshAnswer = send(portal.anonymous(HttpMethod.POST, "/api/v1/accounts/verify"), new JsonObject().put("token", fresh))
            .statusCode();

        assertThat(staleAnswer).isEqualTo(400);
        assertThat(freshAnswer).isEqualTo(201);
        assertThat(signIn("ivy@example.org", "attacker chosen secret").statusCode()).isEqualTo(401);
        assertThat(signIn("ivy@example.org", PASSWORD).statusCode()).isEqualTo(201);
    }
}
