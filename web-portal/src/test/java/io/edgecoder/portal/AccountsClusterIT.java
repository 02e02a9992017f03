package io.edgecoder.portal;

import static io.edgecoder.portal.AccountsHarness.PASSWORD;
import static io.edgecoder.portal.AccountsHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two portal nodes of one Hazelcast cluster sharing one database: a session or token made on one is
 * served by the other, and ending it on one is refused by the other within seconds, well before its
 * cache entry would expire (30 s), because the revocation travels on the bus.
 */
class AccountsClusterIT {
    private static List<Vertx> nodes;
    private static GreenMail mail;
    private static AccountsHarness a;
    private static AccountsHarness b;

    @BeforeAll
    static void start() throws Exception {
        nodes = TestClusters.start(2);
        mail = AccountsHarness.startMail();
        String db = TestDatabase.freshDatabase();
        a = AccountsHarness.start(nodes.get(0), db, mail, AccountsHarness.CHEAP);
        b = AccountsHarness.start(nodes.get(1), db, mail, AccountsHarness.CHEAP);
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
        mail.stop();
        TestClusters.closeAll(nodes);
    }

    /** A request of {@code browser} (cookies for 127.0.0.1) to portal {@code on}. */
    private static HttpRequest<Buffer> to(AccountsHarness on, AccountsHarness.Browser browser, HttpMethod method, String path) {
        return browser.client().request(method, on.port(), "127.0.0.1", path).putHeader("X-CSRF-Token", browser.csrf());
    }

    private static int meOn(AccountsHarness on, AccountsHarness.Browser browser) {
        return send(to(on, browser, HttpMethod.GET, "/api/v1/me"), null).statusCode();
    }

    @Test
    void aSessionStartedOnOneNodeIsServedByTheOtherAndSignOutReachesBoth() throws Exception {
        a.register("ann@example.org");
        AccountsHarness.Browser ann = a.signIn("ann@example.org", PASSWORD);
        assertThat(meOn(b, ann)).isEqualTo(200);

        int out = send(to(a, ann, HttpMethod.DELETE, "/api/v1/sessions"), null).statusCode();

        assertThat(out).isEqualTo(204);
        Await.until("node B refuses the ended session", Duration.ofSeconds(10), () -> meOn(b, ann), s -> s == 401);
    }

    @Test
    void signOutEverywhereOnOneNodeEndsSessionsCachedByTheOther() throws Exception {
        b.register("bob@example.org");
        AccountsHarness.Browser laptop = a.signIn("bob@example.org", PASSWORD);
        AccountsHarness.Browser phone = b.signIn("bob@example.org", PASSWORD);
        assertThat(meOn(a, phone)).isEqualTo(200);
        assertThat(meOn(b, laptop)).isEqualTo(200);

        JsonObject ended = send(to(b, phone, HttpMethod.DELETE, "/api/v1/sessions/all"), null).bodyAsJsonObject();

        assertThat(ended.getInteger("ended")).isEqualTo(2);
        Await.until("node A refuses both sessions", Duration.ofSeconds(10),
            () -> List.of(meOn(a, phone), meOn(a, laptop)), s -> s.equals(List.of(401, 401)));
    }

    @Test
    void aTokenRevokedOnOneNodeIsRefusedByTheOther() throws Exception {
        a.register("cy@example.org");
        AccountsHarness.Browser cy = a.signIn("cy@example.org", PASSWORD);
        JsonObject token = send(to(a, cy, HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "cli").put("scopes", new JsonArray().add("read"))).bodyAsJsonObject();
        assertThat(send(b.withToken(token.getString("token"), HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(200);

        int revoked = send(to(a, cy, HttpMethod.DELETE, "/api/v1/tokens/" + token.getString("id")), null).statusCode();

        assertThat(revoked).isEqualTo(204);
        Await.until("node B refuses the revoked token", Duration.ofSeconds(10),
            () -> send(b.withToken(token.getString("token"), HttpMethod.GET, "/api/v1/me"), null).statusCode(), s -> s == 401);
    }

    @Test
    void failedSignInsOnBothNodesLockTheEmailOnBoth() throws Exception {
        a.register("dan@example.org");
        for (int i = 0; i < 5; i++) {
            AccountsHarness on = i % 2 == 0 ? a : b;
            send(on.anonymous(HttpMethod.POST, "/api/v1/sessions"),
                new JsonObject().put("email", "dan@example.org").put("password", "wrong password " + i));
        }

        int onA = send(a.anonymous(HttpMethod.POST, "/api/v1/sessions"),
            new JsonObject().put("email", "dan@example.org").put("password", PASSWORD)).statusCode();
        int onB = send(b.anonymous(HttpMethod.POST, "/api/v1/sessions"),
            new JsonObject().put("email", "dan@example.org").put("password", PASSWORD)).statusCode();

        assertThat(onA).isEqualTo(429);
        assertThat(onB).isEqualTo(429);
    }
}
