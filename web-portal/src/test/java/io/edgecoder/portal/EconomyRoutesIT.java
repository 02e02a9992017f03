package io.edgecoder.portal;

import static io.edgecoder.portal.JobSubmitIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.IssuanceListReply;
import io.edgecoder.core.message.IssuanceListRequest;
import io.edgecoder.core.message.IssuanceWindowView;
import io.edgecoder.core.message.PriceReply;
import io.edgecoder.core.message.PriceRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The price and issuance windows are the ledger's answers, shown as JSON. */
class EconomyRoutesIT {
    private static final Instant END = Instant.parse("2025-01-02T00:10:00Z");

    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    @Test
    void priceShowsThePriceItsBoundsAndTheLoad() {
        portal.serve(EconomyAddresses.PRICE_GET, PriceRequest.class,
            q -> Future.succeededFuture(new PriceReply(1200, 1000, 250, 4000, 1.5)));

        HttpResponse<Buffer> response = portal.get("/api/v1/economy/price");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("priceMilli", 1200)
            .put("baseMilli", 1000).put("minMilli", 250).put("maxMilli", 4000).put("load", 1.5));
    }

    @Test
    void priceWithoutALedgerIs503() {
        assertError(portal.get("/api/v1/economy/price"), 503, "unavailable", "a required service is not running");
    }

    @Test
    void currentIssuanceIsTheNewestWindow() {
        List<IssuanceListRequest> asked = portal.record(EconomyAddresses.ISSUANCE_LIST, IssuanceListRequest.class,
            q -> Future.succeededFuture(new IssuanceListReply(List.of(window(END)))));

        JsonObject body = portal.get("/api/v1/economy/issuance/current").bodyAsJsonObject();

        assertThat(asked).containsExactly(new IssuanceListRequest(1, null));
        assertThat(body).isEqualTo(new JsonObject().put("window", new JsonObject()
            .put("start", "2025-01-01T00:10:00Z").put("end", "2025-01-02T00:10:00Z").put("contributedMilli", 5000)
            .put("contributors", 2).put("loadPermille", 5).put("rawDailyMilli", 502500).put("dailyMilli", 502500)
            .put("issuedMilli", 3489)));
    }

    @Test
    void currentIssuanceBeforeTheFirstWindowIsNull() {
        portal.serve(EconomyAddresses.ISSUANCE_LIST, IssuanceListRequest.class,
            q -> Future.succeededFuture(new IssuanceListReply(List.of())));

        JsonObject body = portal.get("/api/v1/economy/issuance/current").bodyAsJsonObject();

        assertThat(body.containsKey("window")).isTrue();
        assertThat(body.getValue("window")).isNull();
    }

    @Test
    void fullHistoryPageCarriesTheCursorOfTheNextOne() {
        List<IssuanceListRequest> asked = portal.record(EconomyAddresses.ISSUANCE_LIST, IssuanceListRequest.class, q -> {
            Instant newest = q.before() == null ? END : q.before().minus(Duration.ofMinutes(10));
            return Future.succeededFuture(new IssuanceListReply(
                List.of(window(newest), window(newest.minus(Duration.ofMinutes(10))))));
        });

        JsonObject first = portal.get("/api/v1/economy/issuance/history?limit=2").bodyAsJsonObject();
        String next = first.getString("next");
        JsonObject second = portal.get("/api/v1/economy/issuance/history?limit=3&before=" + next).bodyAsJsonObject();

        assertThat(first.getJsonArray("windows")).hasSize(2);
        assertThat(next).isEqualTo("2025-01-02T00:00:00Z");
        assertThat(asked).containsExactly(new IssuanceListRequest(2, null),
            new IssuanceListRequest(3, Instant.parse("2025-01-02T00:00:00Z")));
        assertThat(second.getValue("next")).as("fewer than the limit: the last page").isNull();
        assertThat(second.getJsonArray("windows").getJsonObject(0).getString("end")).isEqualTo("2025-01-01T23:50:00Z");
    }

    @Test
    void historyWithoutALimitAsksForTheDefaultPage() {
        List<IssuanceListRequest> asked = portal.record(EconomyAddresses.ISSUANCE_LIST, IssuanceListRequest.class,
            q -> Future.succeededFuture(new IssuanceListReply(List.of())));

        JsonObject body = portal.get("/api/v1/economy/issuance/history").bodyAsJsonObject();

        assertThat(asked).containsExactly(new IssuanceListRequest(50, null));
        assertThat(body).isEqualTo(new JsonObject().put("windows", new JsonArray()).putNull("next"));
    }

    @Test
    void badHistoryParametersAre400() {
        List<IssuanceListRequest> asked = portal.record(EconomyAddresses.ISSUANCE_LIST, IssuanceListRequest.class,
            q -> Future.failedFuture(MeshException.badRequest("should not be asked")));

        assertError(portal.get("/api/v1/economy/issuance/history?limit=0"), 400, "bad_request",
            "limit: must be an integer within 1..1000");
        assertError(portal.get("/api/v1/economy/issuance/history?before=yesterday"), 400, "bad_request",
            "before: must be an ISO-8601 instant such as 2025-01-02T03:04:05Z");
        assertError(portal.get("/api/v1/economy/issuance/history?before=2025-01-02T00:00:00Z&before=2025-01-03T00:00:00Z"),
            400, "bad_request", "before: given more than once");
        assertThat(asked).isEmpty();
    }

    private static IssuanceWindowView window(Instant end) {
        return new IssuanceWindowView(end.minus(Duration.ofDays(1)), end, 5000, 2, 5, 502500, 502500, 3489);
    }
}
