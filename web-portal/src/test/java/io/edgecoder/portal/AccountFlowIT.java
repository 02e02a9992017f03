package io.edgecoder.portal;

import static io.edgecoder.portal.AccountsHarness.PASSWORD;
import static io.edgecoder.portal.AccountsHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The whole path of a person: sign-up, mail, verification, sign-in, a token, a job as that account. */
class AccountFlowIT {
    @AutoClose
    private final AccountsHarness portal = AccountsHarness.start();

    @Test
    void signUpMailVerifySignInCreateTokenAndSubmitAJobWithIt() throws Exception {
        List<JobSubmitRequest> jobs = RecordingConsumer.on(new BusClient(portal.vertx, Duration.ofSeconds(5)),
            CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class, job -> Future.succeededFuture(new JobSubmitReply("j-1", "queued", null)));

        JsonObject account = portal.register("Ann@Example.org");
        AccountsHarness.Browser ann = portal.signIn("ann@example.org", PASSWORD);
        HttpResponse<Buffer> me = send(ann.client().request(HttpMethod.GET, "/api/v1/me"), null);
        HttpResponse<Buffer> created = send(ann.request(HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "cli").put("scopes", new JsonArray().add("jobs")));
        String token = created.bodyAsJsonObject().getString("token");
        HttpResponse<Buffer> submitted = send(portal.withToken(token, HttpMethod.POST, "/api/v1/jobs"), Jobs.python());

        assertThat(account.getString("id")).startsWith("acc_");
        assertThat(account.getString("email")).isEqualTo("ann@example.org");
        assertThat(account.getBoolean("emailVerified")).isTrue();
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.bodyAsJsonObject().getString("account")).isEqualTo(account.getString("id"));
        assertThat(me.bodyAsJsonObject().getString("via")).isEqualTo("session");
        assertThat(me.bodyAsJsonObject().getString("csrfToken")).isEqualTo(ann.csrf());
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(token).startsWith("ecp_");
        assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(202);
        assertThat(jobs).singleElement().extracting(JobSubmitRequest::requester).isEqualTo(account.getString("id"));
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        portal.register("bob@example.org");

        HttpResponse<Buffer> r = send(portal.anonymous(HttpMethod.POST, "/api/v1/sessions"),
            new JsonObject().put("email", "bob@example.org").put("password", PASSWORD));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.cookies()).singleElement().satisfies(c -> assertThat(c)
            .startsWith("edgecoder_session=ecs_").containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/")
            .doesNotContain("Secure"));
    }

    @Test
    void aTokenIsUsableUntilRevokedAndListedWithoutItsSecret() throws Exception {
        portal.register("cy@example.org");
        AccountsHarness.Browser cy = portal.signIn("cy@example.org", PASSWORD);
        JsonObject created = send(cy.request(HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "script").put("scopes", new JsonArray().add("read"))).bodyAsJsonObject();
        String token = created.getString("token");

        int before = send(portal.withToken(token, HttpMethod.GET, "/api/v1/me"), null).statusCode();
        JsonObject listed = send(cy.client().request(HttpMethod.GET, "/api/v1/tokens"), null).bodyAsJsonObject();
        int revoked = send(cy.request(HttpMethod.DELETE, "/api/v1/tokens/" + created.getString("id")), null).statusCode();
        HttpResponse<Buffer> after = send(portal.withToken(token, HttpMethod.GET, "/api/v1/me"), null);

        assertThat(before).isEqualTo(200);
        assertThat(listed.getJsonArray("tokens")).hasSize(1);
        assertThat(listed.getJsonArray("tokens").getJsonObject(0).getString("lastUsedAt")).isNotNull();
        assertThat(listed.encode()).doesNotContain(token);
        assertThat(revoked).isEqualTo(204);
        assertThat(after.statusCode()).isEqualTo(401);
    }

    @Test
    void aReadTokenCannotSubmitJobs() throws Exception {
        portal.register("di@example.org");
        AccountsHarness.Browser di = portal.signIn("di@example.org", PASSWORD);
        String token = send(di.request(HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "ro").put("scopes", new JsonArray().add("read"))).bodyAsJsonObject().getString("token");

        HttpResponse<Buffer> r = send(portal.withToken(token, HttpMethod.POST, "/api/v1/jobs"), Jobs.python());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.bodyAsJsonObject().getString("message")).contains("token scope");
    }

    @Test
    void aCookieRequestThatChangesStateWithoutTheCsrfTokenIsRefused() throws Exception {
        portal.register("eve@example.org");
        AccountsHarness.Browser eve = portal.signIn("eve@example.org", PASSWORD);
        JsonObject body = new JsonObject().put("name", "x").put("scopes", new JsonArray().add("read"));

        HttpResponse<Buffer> none = send(eve.client().request(HttpMethod.POST, "/api/v1/tokens"), body);
        HttpResponse<Buffer> wrong = send(eve.client().request(HttpMethod.POST, "/api/v1/tokens")
            .putHeader("X-CSRF-Token", "not-the-token"), body);
        HttpResponse<Buffer> read = send(eve.client().request(HttpMethod.GET, "/api/v1/tokens"), null);

        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.bodyAsJsonObject().getString("message")).startsWith("csrf:");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.bodyAsJsonObject().getJsonArray("tokens")).isEmpty();
    }

    @Test
    void signOutEverywhereEndsEverySessionOfTheAccount() throws Exception {
        portal.register("fay@example.org");
        AccountsHarness.Browser laptop = portal.signIn("fay@example.org", PASSWORD);
        AccountsHarness.Browser phone = portal.signIn("fay@example.org", PASSWORD);
        assertThat(send(phone.client().request(HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> out = send(laptop.request(HttpMethod.DELETE, "/api/v1/sessions/all"), null);

        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.bodyAsJsonObject().getInteger("ended")).isEqualTo(2);
        assertThat(send(phone.client().request(HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(401);
        assertThat(send(laptop.client().request(HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(401);
    }

    @Test
    void signOutEndsOnlyThisSession() throws Exception {
        portal.register("gus@example.org");
        AccountsHarness.Browser one = portal.signIn("gus@example.org", PASSWORD);
        AccountsHarness.Browser two = portal.signIn("gus@example.org", PASSWORD);

        HttpResponse<Buffer> out = send(one.request(HttpMethod.DELETE, "/api/v1/sessions"), null);

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(send(one.client().request(HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(401);
        assertThat(send(two.client().request(HttpMethod.GET, "/api/v1/me"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionWithItsCsrfTokenSubmitsAJobChargedToTheAccount() throws Exception {
        List<JobSubmitRequest> jobs = RecordingConsumer.on(new BusClient(portal.vertx, Duration.ofSeconds(5)),
            CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class, job -> Future.succeededFuture(new JobSubmitReply("j-2", "queued", null)));
        JsonObject account = portal.register("hal@example.org");
        AccountsHarness.Browser hal = portal.signIn("hal@example.org", PASSWORD);

        HttpResponse<Buffer> withoutCsrf = send(hal.client().request(HttpMethod.POST, "/api/v1/jobs"), Jobs.python());
        HttpResponse<Buffer> withCsrf = send(hal.request(HttpMethod.POST, "/api/v1/jobs"), Jobs.python());

        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(withCsrf.statusCode()).as(withCsrf.bodyAsString()).isEqualTo(202);
        assertThat(jobs).singleElement().extracting(JobSubmitRequest::requester).isEqualTo(account.getString("id"));
    }
}
