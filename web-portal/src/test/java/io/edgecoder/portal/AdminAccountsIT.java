package io.edgecoder.portal;

import static io.edgecoder.portal.AccountsHarness.PASSWORD;
import static io.edgecoder.portal.AccountsHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The bootstrap story: the admin token makes the first real admin, who then acts through a session; roles gate admin routes. */
class AdminAccountsIT {
    @AutoClose
    private final AccountsHarness portal = AccountsHarness.start();

    private JsonObject firstAdmin() throws Exception {
        HttpResponse<Buffer> created = send(portal.admin(HttpMethod.POST, "/api/v1/admin/accounts"),
            new JsonObject().put("email", "root@example.org").put("roles", new JsonArray().add("system-admin")));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        String token = AccountsHarness.linkToken(portal.awaitMail("root@example.org", "is ready"));
        assertThat(send(portal.anonymous(HttpMethod.POST, "/api/v1/password-resets/confirm"),
            new JsonObject().put("token", token).put("password", PASSWORD)).statusCode()).isEqualTo(200);
        return created.bodyAsJsonObject();
    }

    @Test
    void theAdminTokenCreatesTheFirstRealAdminWhoIsInvitedToChooseAPassword() throws Exception {
        JsonObject created = firstAdmin();
        AccountsHarness.Browser root = portal.signIn("root@example.org", PASSWORD);

        JsonObject me = send(root.client().request(HttpMethod.GET, "/api/v1/me"), null).bodyAsJsonObject();
        HttpResponse<Buffer> another = send(root.request(HttpMethod.POST, "/api/v1/admin/accounts"),
            new JsonObject().put("email", "owner@example.org").put("roles", new JsonArray().add("coordinator-owner")).put("org", "acme")
                .put("password", "owner chosen passphrase"));
        HttpResponse<Buffer> listed = send(root.client().request(HttpMethod.GET, "/api/v1/admin/accounts"), null);

        assertThat(created.getBoolean("emailVerified")).isTrue();
        assertThat(created.getBoolean("invitationSent")).isTrue();
        assertThat(created.getJsonArray("roles")).containsExactly("system-admin", "user");
        assertThat(me.getBoolean("admin")).isTrue();
        assertThat(another.statusCode()).as(another.bodyAsString()).isEqualTo(201);
        assertThat(another.bodyAsJsonObject().getBoolean("invitationSent")).isFalse();
        assertThat(another.bodyAsJsonObject().getString("org")).isEqualTo("acme");
        assertThat(listed.bodyAsJsonObject().getJsonArray("accounts")).hasSize(2);
        assertThat(portal.signIn("owner@example.org", "owner chosen passphrase").account().getJsonArray("roles"))
            .containsExactly("coordinator-owner", "user");
    }

    @Test
    void aUserIsRefusedTheAdminRoutes() throws Exception {
        portal.register("ann@example.org");
        AccountsHarness.Browser ann = portal.signIn("ann@example.org", PASSWORD);

        HttpResponse<Buffer> create = send(ann.request(HttpMethod.POST, "/api/v1/admin/accounts"),
            new JsonObject().put("email", "x@example.org"));
        HttpResponse<Buffer> enrollment = send(ann.request(HttpMethod.POST, "/api/v1/enrollment/tokens"),
            new JsonObject().put("roles", new JsonArray().add("worker")));
        HttpResponse<Buffer> others = send(ann.client().request(HttpMethod.GET, "/api/v1/audit?account=acc_someoneelse"), null);

        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(enrollment.statusCode()).isEqualTo(403);
        assertThat(others.statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminsTokenActsAsAdminOnlyWithTheAdminScope() throws Exception {
        firstAdmin();
        AccountsHarness.Browser root = portal.signIn("root@example.org", PASSWORD);
        String adminScoped = send(root.request(HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "ops").put("scopes", new JsonArray().add("admin"))).bodyAsJsonObject().getString("token");
        String jobsScoped = send(root.request(HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "jobs").put("scopes", new JsonArray().add("jobs"))).bodyAsJsonObject().getString("token");

        HttpResponse<Buffer> withAdmin = send(portal.withToken(adminScoped, HttpMethod.POST, "/api/v1/admin/accounts"),
            new JsonObject().put("email", "a1@example.org"));
        HttpResponse<Buffer> withJobs = send(portal.withToken(jobsScoped, HttpMethod.GET, "/api/v1/admin/accounts"), null);

        assertThat(withAdmin.statusCode()).isEqualTo(201);
        assertThat(withJobs.statusCode()).isEqualTo(403);
    }

    @Test
    void aDisabledAccountLosesItsSessionsAndTokensAndCannotSignIn() throws Exception {
        JsonObject ann = portal.register("ann@example.org");
        AccountsHarness.Browser browser = portal.signIn("ann@example.org", PASSWORD);
        String token = send(browser.request(HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "t").put("scopes", new JsonArray().add("read"))).bodyAsJsonObject().getString("token");
        assertThat(send(portal.withToken(token, HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> disabled = send(portal.admin(HttpMethod.PATCH, "/api/v1/admin/accounts/" + ann.getString("id")),
            new JsonObject().put("disabled", true));

        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(disabled.bodyAsJsonObject().getBoolean("disabled")).isTrue();
        assertThat(send(browser.client().request(HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(401);
        assertThat(send(portal.withToken(token, HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(401);
        HttpResponse<Buffer> signIn = send(portal.anonymous(HttpMethod.POST, "/api/v1/sessions"),
            new JsonObject().put("email", "ann@example.org").put("password", PASSWORD));
        assertThat(signIn.statusCode()).isEqualTo(403);
    }

    @Test
    void badAdminInputsAre4xx() throws Exception {
        portal.register("dup@example.org");

        HttpResponse<Buffer> duplicate = send(portal.admin(HttpMethod.POST, "/api/v1/admin/accounts"),
            new JsonObject().put("email", "DUP@example.org"));
        HttpResponse<Buffer> ownerWithoutOrg = send(portal.admin(HttpMethod.POST, "/api/v1/admin/accounts"),
            new JsonObject().put("email", "o@example.org").put("roles", new JsonArray().add("coordinator-owner")));
        HttpResponse<Buffer> unknownRole = send(portal.admin(HttpMethod.POST, "/api/v1/admin/accounts"),
            new JsonObject().put("email", "r@example.org").put("roles", new JsonArray().add("root")));
        HttpResponse<Buffer> noSuch = send(portal.admin(HttpMethod.PATCH, "/api/v1/admin/accounts/acc_nope"),
            new JsonObject().put("disabled", true));

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(ownerWithoutOrg.statusCode()).isEqualTo(400);
        assertThat(ownerWithoutOrg.bodyAsJsonObject().getString("message")).startsWith("org:");
        assertThat(unknownRole.statusCode()).isEqualTo(400);
        assertThat(unknownRole.bodyAsJsonObject().getString("message")).startsWith("roles:");
        assertThat(noSuch.statusCode()).isEqualTo(404);
    }

    @Test
    void theAuditRecordsSignInsAndSecurityChanges() throws Exception {
        JsonObject ann = portal.register("ann@example.org");
        send(portal.anonymous(HttpMethod.POST, "/api/v1/sessions"), new JsonObject().put("email", "ann@example.org").put("password", "wrong one"));
        AccountsHarness.Browser browser = portal.signIn("ann@example.org", PASSWORD);
        send(browser.request(HttpMethod.POST, "/api/v1/tokens"), new JsonObject().put("name", "t").put("scopes", new JsonArray().add("read")));

        JsonArray own = send(browser.client().request(HttpMethod.GET, "/api/v1/audit"), null).bodyAsJsonObject().getJsonArray("entries");
        JsonArray all = send(portal.admin(HttpMethod.GET, "/api/v1/audit?account=" + ann.getString("id")), null).bodyAsJsonObject()
            .getJsonArray("entries");

        assertThat(own.stream().map(e -> ((JsonObject) e).getString("event")))
            .containsExactly("token.created", "signin.ok", "signin.failed", "signup.verified");
        assertThat(all).isEqualTo(own);
        assertThat(own.encode()).doesNotContain(PASSWORD).doesNotContain("ecp_");
    }
}
