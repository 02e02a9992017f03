package io.edgecoder.portal;

import static io.edgecoder.portal.JobSubmitIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.IntentCreateRequest;
import io.edgecoder.core.message.IntentGetRequest;
import io.edgecoder.core.message.IntentSettleRequest;
import io.edgecoder.core.message.IntentView;
import io.edgecoder.core.message.QuoteRequest;
import io.edgecoder.core.message.QuoteView;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quotes and payment intents: bodies checked field by field, forwarded to the ledger, answered as JSON. */
class PaymentRoutesIT {
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");
    private static final QuoteView QUOTE = new QuoteView("q1", "buy", 100_000, 1000, 100_000, 10_000, CREATED,
        CREATED.plusSeconds(600), "a2V5", "5151");

    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    @Test
    void quoteIsForwardedAndShownWithEveryField() {
        List<QuoteRequest> asked = portal.record(EconomyAddresses.QUOTE_CREATE, QuoteRequest.class,
            q -> Future.succeededFuture(QUOTE));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/economy/quotes",
            new JsonObject().put("direction", "buy").put("creditsMilli", 100_000));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(asked).containsExactly(new QuoteRequest("buy", 100_000));
        assertThat(response.bodyAsJsonObject()).isEqualTo(quoteJson());
    }

    @Test
    void quoteWithoutABtcPriceKeepsTheLedgers503() {
        portal.serve(EconomyAddresses.QUOTE_CREATE, QuoteRequest.class,
            q -> Future.failedFuture(MeshException.unavailable("no BTC price is set (ledger.btc.usd) and no feed answered")));

        assertError(portal.postJson("/api/v1/economy/quotes", new JsonObject().put("direction", "sell").put("creditsMilli", 1)),
            503, "unavailable", "no BTC price is set (ledger.btc.usd) and no feed answered");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|body: a JSON object is required",
        "[1]|body: must be a JSON object",
        "{\"direction\": \"buy\", |body: malformed JSON",
        "{\"creditsMilli\": 5}|direction: required",
        "{\"direction\": \"hold\", \"creditsMilli\": 5}|direction: must be 'buy' or 'sell'",
        "{\"direction\": 1, \"creditsMilli\": 5}|direction: must be a string, got a number",
        "{\"direction\": \"buy\"}|creditsMilli: required",
        "{\"direction\": \"buy\", \"creditsMilli\": \"5\"}|creditsMilli: must be an integer, got a string",
        "{\"direction\": \"buy\", \"creditsMilli\": 0}|creditsMilli: must be within 1..1000000000000, got 0",
        "{\"direction\": \"buy\", \"creditsMilli\": 1.5}|creditsMilli: must be an integer, got a number",
    })
    void badQuoteBodiesAre400NamingTheField(String body, String message) {
        List<QuoteRequest> asked = portal.record(EconomyAddresses.QUOTE_CREATE, QuoteRequest.class,
            q -> Future.succeededFuture(QUOTE));

        HttpResponse<Buffer> response = portal.postText("/api/v1/economy/quotes", body);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("bad_request");
        assertThat(response.bodyAsJsonObject().getString("message")).startsWith(message);
        assertThat(asked).isEmpty();
    }

    @Test
    void economyRoutesNeedTheTokenBeforeAnythingIsForwarded() {
        List<Object> asked = new CopyOnWriteArrayList<>();
        portal.serve(EconomyAddresses.QUOTE_CREATE, QuoteRequest.class, q -> {
            asked.add(q);
            return Future.succeededFuture(QUOTE);
        });
        portal.serve(EconomyAddresses.INTENT_SETTLE, IntentSettleRequest.class, q -> {
            asked.add(q);
            return Future.succeededFuture(intent("settled", 12L));
        });

        HttpResponse<Buffer> quote = PortalHarness.await(portal.anonymous(HttpMethod.POST, "/api/v1/economy/quotes")
            .sendJsonObject(new JsonObject().put("direction", "buy").put("creditsMilli", 5)));
        HttpResponse<Buffer> settle = PortalHarness.await(portal.anonymous(HttpMethod.POST, "/api/v1/economy/intents/pi_1/settle")
            .bearerTokenAuthentication("not-the-token").sendJsonObject(new JsonObject().put("proof", "pi_1")));

        assertThat(quote.statusCode()).isEqualTo(401);
        assertThat(settle.statusCode()).isEqualTo(401);
        assertThat(asked).isEmpty();
    }

    @Test
    void quoteBodyOverTheDefaultLimitIs413() {
        String big = "{\"direction\": \"buy\", \"creditsMilli\": 5, \"pad\": \"" + "x".repeat(70_000) + "\"}";

        assertThat(portal.postText("/api/v1/economy/quotes", big).statusCode()).isEqualTo(413);
    }

    @Test
    void intentBuysForTheCallerWithTheQuoteAsGivenAndIsAnswered201() {
        List<IntentCreateRequest> asked = portal.record(EconomyAddresses.INTENT_CREATE, IntentCreateRequest.class,
            q -> Future.succeededFuture(intent("pending", null)));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/economy/intents",
            new JsonObject().put("quote", quoteJson()).put("provider", "manual").put("user", "mallory"));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/economy/intents/pi_1");
        assertThat(asked).containsExactly(new IntentCreateRequest("admin", QUOTE, "manual"));
        assertThat(response.bodyAsJsonObject()).isEqualTo(intentJson("pending", null));
    }

    @Test
    void intentWithoutAProviderLeavesTheChoiceToTheLedger() {
        List<IntentCreateRequest> asked = portal.record(EconomyAddresses.INTENT_CREATE, IntentCreateRequest.class,
            q -> Future.succeededFuture(intent("pending", null)));

        portal.postJson("/api/v1/economy/intents", new JsonObject().put("quote", quoteJson()));

        assertThat(asked).singleElement().satisfies(q -> assertThat(q.provider()).isNull());
    }

    @Test
    void badIntentBodiesAre400AndLedgerRefusalsKeepTheirCode() {
        portal.serve(EconomyAddresses.INTENT_CREATE, IntentCreateRequest.class,
            q -> Future.failedFuture(MeshException.policy("quote q1 expired at 2025-01-02T03:14:05Z")));

        assertError(portal.postJson("/api/v1/economy/intents", new JsonObject().put("provider", "manual")),
            400, "bad_request", "quote: required");
        assertError(portal.postJson("/api/v1/economy/intents", new JsonObject().put("quote", "q1")), 400, "bad_request",
            "quote: must be the quote object returned by POST /api/v1/economy/quotes, got a string");
        assertError(portal.postJson("/api/v1/economy/intents", new JsonObject().put("quote", quoteJson().put("sats", "many"))),
            400, "bad_request",
            "quote: must be the quote object returned by POST /api/v1/economy/quotes (a field has the wrong type)");
        assertError(portal.postJson("/api/v1/economy/intents", new JsonObject().put("quote", quoteJson()).put("provider", 7)),
            400, "bad_request", "provider: must be a string, got a number");
        assertError(portal.postJson("/api/v1/economy/intents", new JsonObject().put("quote", quoteJson())),
            422, "policy_rejected", "quote q1 expired at 2025-01-02T03:14:05Z");
    }

    @Test
    void intentIsReadByIdAndAnUnknownOneIs404() {
        List<IntentGetRequest> asked = portal.record(EconomyAddresses.INTENT_GET, IntentGetRequest.class,
            q -> "pi_1".equals(q.intentId()) ? Future.succeededFuture(intent("settled", 12L))
                : Future.failedFuture(MeshException.notFound("no payment intent " + q.intentId())));

        HttpResponse<Buffer> found = portal.get("/api/v1/economy/intents/pi_1");

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.bodyAsJsonObject()).isEqualTo(intentJson("settled", 12L));
        assertError(portal.get("/api/v1/economy/intents/pi_2"), 404, "not_found", "no payment intent pi_2");
        assertError(portal.get("/api/v1/economy/intents/" + "x".repeat(129)), 400, "bad_request",
            "id: must be 1..128 printable ASCII characters without spaces");
        assertThat(asked).containsExactly(new IntentGetRequest("pi_1"), new IntentGetRequest("pi_2"));
    }

    @Test
    void settleForwardsTheOperatorsProof() {
        List<IntentSettleRequest> asked = portal.record(EconomyAddresses.INTENT_SETTLE, IntentSettleRequest.class,
            q -> Future.succeededFuture(intent("settled", 12L)));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/economy/intents/pi_1/settle",
            new JsonObject().put("proof", "received 1000 sats for pi_1"));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(asked).containsExactly(new IntentSettleRequest("pi_1", "received 1000 sats for pi_1"));
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("settled");
        assertThat(response.bodyAsJsonObject().getLong("mintSeq")).isEqualTo(12L);
    }

    @Test
    void settleNeedsANonBlankProofAndKeepsTheLedgersRefusals() {
        portal.serve(EconomyAddresses.INTENT_SETTLE, IntentSettleRequest.class,
            q -> Future.failedFuture(MeshException.policy("payment proof for intent pi_1 does not verify")));

        assertError(portal.postJson("/api/v1/economy/intents/pi_1/settle", new JsonObject()), 400, "bad_request",
            "proof: required");
        assertError(portal.postJson("/api/v1/economy/intents/pi_1/settle", new JsonObject().put("proof", "  ")),
            400, "bad_request", "proof: must not be blank");
        assertError(portal.postJson("/api/v1/economy/intents/pi_1/settle", new JsonObject().put("proof", "trust me")),
            422, "policy_rejected", "payment proof for intent pi_1 does not verify");
    }

    private static JsonObject quoteJson() {
        return new JsonObject().put("id", "q1").put("direction", "buy").put("creditsMilli", 100_000).put("sats", 1000)
            .put("usdPerBtc", 100_000).put("creditUsdMicro", 10_000).put("createdAt", "2025-01-02T03:04:05Z")
            .put("expiresAt", "2025-01-02T03:14:05Z").put("signerKey", "a2V5").put("signature", "5151");
    }

    private static IntentView intent(String status, Long mintSeq) {
        return new IntentView("pi_1", "user:admin", 100_000, 1000, "q1", "manual", status,
            "pay 1000 sats to the operator, quoting pi_1", null, mintSeq, CREATED, CREATED.plusSeconds(600));
    }

    private static JsonObject intentJson(String status, Long mintSeq) {
        return new JsonObject().put("id", "pi_1").put("account", "user:admin").put("creditsMilli", 100_000)
            .put("sats", 1000).put("quoteId", "q1").put("provider", "manual").put("status", status)
            .put("instructions", "pay 1000 sats to the operator, quoting pi_1").putNull("failure")
            .put("mintSeq", mintSeq).put("createdAt", "2025-01-02T03:04:05Z").put("expiresAt", "2025-01-02T03:14:05Z");
    }
}
