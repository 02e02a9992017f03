package io.edgecoder.app;

import static io.edgecoder.app.SingleNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ownership end to end over HTTP on one node running every role as {@code edgecoder up} starts it
 * (accounts, coordinator, ledger, a real worker and sandbox, control): two people with their own
 * personal tokens, a coordinator-owner of organisation {@code acme}, and the bootstrap admin token.
 * A person neither reads, lists nor cancels another's job (404) nor sees another's balance; the
 * admin sees everything; a person cancels their own running job; an owner manages only their
 * organisation's nodes.
 */
class OwnershipHttpIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String PASSING = "import unittest\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n"
        + "        self.assertEqual(1 + 1, 2)\n";
    @RegisterExtension
    static final SingleNode node = SingleNode.of("ownership-it", Map.of(
        ConfigKeys.ROLES, "coordinator,inference,ledger,portal,worker,control",
        "ledger.credit.line.user.milli", "1000000"));
    private static String admin;
    private static Person alice;
    private static Person bob;
    private static Person owen;

    /** A signed-up person: their account id and a personal token. */
    private record Person(String id, String token) {
        String ledgerAccount() {
            return "user:" + id;
        }
    }

    @BeforeAll
    static void people() throws Exception {
        admin = node.adminToken();
        alice = person("alice@example.org", List.of(), null, "jobs");
        bob = person("bob@example.org", List.of(), null, "jobs");
        owen = person("owen@example.org", List.of("coordinator-owner"), "acme", "admin");
    }

    @Test
    void anotherPersonCannotReadListOrCancelAJobWhileTheAdminSeesEveryone() throws Exception {
        String alices = submit(alice, "alice's", PASSING);
        String bobs = submit(bob, "bob's", PASSING);

        assertThat(call(bob.token(), "GET", "/api/v1/jobs/" + alices, null).statusCode()).isEqualTo(404);
        assertThat(call(bob.token(), "POST", "/api/v1/jobs/" + alices + "/cancel", null).statusCode()).isEqualTo(404);
        assertThat(call(bob.token(), "DELETE", "/api/v1/jobs/" + alices, null).statusCode()).isEqualTo(404);
        assertThat(ids(call(bob.token(), "GET", "/api/v1/jobs", null))).contains(bobs).doesNotContain(alices);
        assertThat(ids(call(alice.token(), "GET", "/api/v1/jobs", null))).contains(alices).doesNotContain(bobs);
        assertThat(ids(call(admin, "GET", "/api/v1/jobs", null))).contains(alices, bobs);
        JsonObject done = Await.until("alice's job to finish", Duration.ofSeconds(120),
            () -> json(call(alice.token(), "GET", "/api/v1/jobs/" + alices, null)), j -> j.getValue("finishedAt") != null);
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getString("requester")).isEqualTo(alice.id());
        HttpResponse<String> late = call(alice.token(), "POST", "/api/v1/jobs/" + alices + "/cancel", null);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json(late).getString("message")).contains("has already ended (succeeded)");
    }

    @Test
    void aPersonSeesOnlyTheirOwnBalanceAndHistoryAndTheAdminSeesAll() throws Exception {
        String id = submit(alice, "alice pays", PASSING);
        Await.until("alice's job to be settled", Duration.ofSeconds(120),
            () -> json(call(alice.token(), "GET", "/api/v1/ledger/balances", null)).getJsonObject("balances"),
            b -> b.containsKey(alice.ledgerAccount()));
        Await.until("alice's job to finish", Duration.ofSeconds(120),
            () -> json(call(alice.token(), "GET", "/api/v1/jobs/" + id, null)), j -> j.getValue("finishedAt") != null);

        JsonObject own = json(call(alice.token(), "GET", "/api/v1/ledger/balances?includeZero=true", null)).getJsonObject("balances");
        HttpResponse<String> othersBalance = call(bob.token(), "GET", "/api/v1/ledger/balances?account=" + alice.ledgerAccount(), null);
        HttpResponse<String> othersHistory = call(bob.token(), "GET", "/api/v1/ledger/accounts/" + alice.ledgerAccount() + "/history",
            null);
        JsonObject all = json(call(admin, "GET", "/api/v1/ledger/balances", null)).getJsonObject("balances");

        assertThat(own.fieldNames()).containsExactly(alice.ledgerAccount());
        assertThat(othersBalance.statusCode()).isEqualTo(403);
        assertThat(othersHistory.statusCode()).isEqualTo(403);
        assertThat(call(alice.token(), "GET", "/api/v1/ledger/accounts/" + alice.ledgerAccount() + "/history", null).statusCode())
            .isEqualTo(200);
        assertThat(all.fieldNames()).contains(alice.ledgerAccount());
        assertThat(all.fieldNames()).anyMatch(a -> a.startsWith("node:"));
    }

    @Test
    void aPersonCancelsTheirOwnRunningJobAndItsSandboxIsGone() throws Exception {
        String marker = "4" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
        String sleeper = "import subprocess, time, unittest\n\nclass T(unittest.TestCase):\n    def test_sleeps(self):\n"
            + "        subprocess.Popen(['sleep', '" + marker + "'])\n        time.sleep(120)\n";
        String id = submit(alice, "sleeper", sleeper);
        Await.until("the sandboxed run to start", Duration.ofSeconds(90), () -> JobCancelIT.processesWith(marker), p -> !p.isEmpty());

        HttpResponse<String> cancelled = call(alice.token(), "DELETE", "/api/v1/jobs/" + id, null);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).getString("status")).isEqualTo("cancelled");
        assertThat(Await.until("the run's processes to be gone", Duration.ofSeconds(30), () -> JobCancelIT.processesWith(marker),
            List::isEmpty)).isEmpty();
    }

    @Test
    void aCoordinatorOwnerManagesOnlyTheirOrganisationsNodes() throws Exception {
        HttpResponse<String> token = call(owen.token(), "POST", "/api/v1/enrollment/tokens",
            new JsonObject().put("roles", new JsonArray().add("worker")));
        HttpResponse<String> foreignToken = call(owen.token(), "POST", "/api/v1/enrollment/tokens",
            new JsonObject().put("roles", new JsonArray().add("worker")).put("org", "globex"));
        JsonArray owensNodes = json(call(owen.token(), "GET", "/api/v1/nodes", null)).getJsonArray("nodes");
        HttpResponse<String> revokeTheCore = call(owen.token(), "POST", "/api/v1/nodes/" + node.node().nodeId() + "/revoke", null);
        HttpResponse<String> aliceLists = call(alice.token(), "GET", "/api/v1/nodes", null);
        JsonArray allNodes = json(call(admin, "GET", "/api/v1/nodes", null)).getJsonArray("nodes");

        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        assertThat(json(token).getString("org")).isEqualTo("acme");
        assertThat(foreignToken.statusCode()).isEqualTo(403);
        assertThat(owensNodes).isEmpty();
        assertThat(revokeTheCore.statusCode()).as("another organisation's node is unknown to an owner").isEqualTo(404);
        assertThat(aliceLists.statusCode()).isEqualTo(403);
        assertThat(allNodes.stream().map(n -> ((JsonObject) n).getString("nodeId"))).contains(node.node().nodeId());
    }

    /** Creates an account (as the admin), signs in and makes a personal token with {@code scope}. */
    private static Person person(String email, List<String> roles, String org, String scope) throws Exception {
        JsonObject create = new JsonObject().put("email", email).put("password", PASSWORD).put("roles", new JsonArray(roles));
        if (org != null) {
            create.put("org", org);
        }
        HttpResponse<String> created = call(admin, "POST", "/api/v1/admin/accounts", create);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> session = browser.send(node.request("POST", "/api/v1/sessions",
            new JsonObject().put("email", email).put("password", PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
        HttpResponse<String> token = browser.send(node.request("POST", "/api/v1/tokens", new JsonObject().put("name", "it")
                .put("scopes", new JsonArray().add(scope))).header("X-CSRF-Token", json(session).getString("csrfToken")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        return new Person(json(created).getString("id"), json(token).getString("token"));
    }

    private static String submit(Person who, String title, String test) throws Exception {
        JsonObject job = new JsonObject().put("title", title).put("language", "python")
            .put("files", new JsonObject().put("test_it.py", test)).put("tests", new JsonArray().add("test_it.py"))
            .put("timeoutSeconds", 120);
        HttpResponse<String> r = call(who.token(), "POST", "/api/v1/jobs", job);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).getString("id");
    }

    private static List<String> ids(HttpResponse<String> list) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return json(list).getJsonArray("jobs").stream().map(j -> ((JsonObject) j).getString("id")).toList();
    }

    private static HttpResponse<String> call(String token, String method, String path, JsonObject body) throws Exception {
        return node.call(token, method, path, body);
    }
}
