package io.edgecoder.portal;

import static io.edgecoder.portal.AccountsHarness.PASSWORD;
import static io.edgecoder.portal.AccountsHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.testing.Await;
import io.edgecoder.portal.accounts.PasswordHasher;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Sessions and tokens end when they should; a hash weaker than today's parameters is replaced at sign-in. */
class AccountLifetimesIT {
    @AutoClose
    private final AccountsHarness portal = AccountsHarness.start();

    private int me(AccountsHarness.Browser browser) {
        return send(browser.client().request(HttpMethod.GET, "/api/v1/me"), null).statusCode();
    }

    @Test
    void aSessionUnusedForADayEnds() throws Exception {
        portal.register("ann@example.org");
        AccountsHarness.Browser ann = portal.signIn("ann@example.org", PASSWORD);
        portal.clock.advance(Duration.ofHours(23));
        assertThat(me(ann)).isEqualTo(200);

        portal.clock.advance(Duration.ofHours(25));

        assertThat(me(ann)).isEqualTo(401);
    }

    @Test
    void aSessionEndsAfterAWeekEvenWhenUsed() throws Exception {
        portal.register("ann@example.org");
        AccountsHarness.Browser ann = portal.signIn("ann@example.org", PASSWORD);
        for (int day = 0; day < 6; day++) {
            portal.clock.advance(Duration.ofHours(20));
            assertThat(me(ann)).as("after %d periods of 20 h", day + 1).isEqualTo(200);
        }

        portal.clock.advance(Duration.ofHours(49));

        assertThat(me(ann)).isEqualTo(401);
    }

    @Test
    void aTokenEndsWhenItExpires() throws Exception {
        portal.register("ann@example.org");
        AccountsHarness.Browser ann = portal.signIn("ann@example.org", PASSWORD);
        String token = send(ann.request(HttpMethod.POST, "/api/v1/tokens"), new JsonObject().put("name", "day")
            .put("scopes", new JsonArray().add("read")).put("expiresInDays", 1)).bodyAsJsonObject().getString("token");
        assertThat(send(portal.withToken(token, HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(200);

        portal.clock.advance(Duration.ofHours(25));

        assertThat(send(portal.withToken(token, HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenInputsAreChecked() throws Exception {
        portal.register("ann@example.org");
        AccountsHarness.Browser ann = portal.signIn("ann@example.org", PASSWORD);

        int noScopes = send(ann.request(HttpMethod.POST, "/api/v1/tokens"), new JsonObject().put("name", "x").put("scopes", new JsonArray()))
            .statusCode();
        int badScope = send(ann.request(HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "x").put("scopes", new JsonArray().add("root"))).statusCode();
        int tooLong = send(ann.request(HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "x").put("scopes", new JsonArray().add("read")).put("expiresInDays", 5000)).statusCode();
        int noName = send(ann.request(HttpMethod.POST, "/api/v1/tokens"), new JsonObject().put("scopes", new JsonArray().add("read")))
            .statusCode();
        int otherAccounts = send(ann.request(HttpMethod.DELETE, "/api/v1/tokens/tok_notmine"), null).statusCode();

        assertThat(new int[] {noScopes, badScope, tooLong, noName, otherAccounts}).containsExactly(400, 400, 400, 400, 404);
    }

    @Test
    void aHashWeakerThanTheCurrentParametersIsReplacedAtSignIn() throws Exception {
        portal.register("ann@example.org");
        PasswordHasher.Params stronger = new PasswordHasher.Params(2048, 2, 1);
        try (AccountsHarness upgraded = AccountsHarness.start(portal.vertx, portal.dbUrl, portal.mail, stronger)) {
            upgraded.signIn("ann@example.org", PASSWORD);

            String hash = Await.until("the stored hash uses m=2048,t=2", Duration.ofSeconds(20), () -> PortalHarness.await(
                    upgraded.verticle.accounts().pool().preparedQuery("SELECT password_hash FROM accounts WHERE email = $1")
                        .execute(Tuple.of("ann@example.org"))).iterator().next().getString(0),
                h -> h.startsWith("$argon2id$v=19$m=2048,t=2,p=1$"));

            assertThat(hash).isNotNull();
            assertThat(upgraded.signIn("ann@example.org", PASSWORD).account().getString("email")).isEqualTo("ann@example.org");
        }
    }
}
