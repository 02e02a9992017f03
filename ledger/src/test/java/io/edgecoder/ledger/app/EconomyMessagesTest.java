package io.edgecoder.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Json;
import io.edgecoder.core.message.AccountHistoryReply;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.AnchorListReply;
import io.edgecoder.core.message.AnchorListRequest;
import io.edgecoder.core.message.AnchorProveRequest;
import io.edgecoder.core.message.AnchorSubmitRequest;
import io.edgecoder.core.message.AnchorView;
import io.edgecoder.core.message.CheckpointListReply;
import io.edgecoder.core.message.CheckpointListRequest;
import io.edgecoder.core.message.CheckpointView;
import io.edgecoder.core.message.ConsistencyProofReply;
import io.edgecoder.core.message.ConsistencyProofRequest;
import io.edgecoder.core.message.EntryView;
import io.edgecoder.core.message.InclusionProofReply;
import io.edgecoder.core.message.InclusionProofRequest;
import io.edgecoder.core.message.IntentCreateRequest;
import io.edgecoder.core.message.IntentGetRequest;
import io.edgecoder.core.message.IntentSettleRequest;
import io.edgecoder.core.message.IntentView;
import io.edgecoder.core.message.IssuanceListReply;
import io.edgecoder.core.message.IssuanceListRequest;
import io.edgecoder.core.message.IssuanceWindowView;
import io.edgecoder.core.message.JobHoldReply;
import io.edgecoder.core.message.JobHoldRequest;
import io.edgecoder.core.message.LoadReport;
import io.edgecoder.core.message.PriceReply;
import io.edgecoder.core.message.PriceRequest;
import io.edgecoder.core.message.QuoteRequest;
import io.edgecoder.core.message.QuoteView;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The economy's bus records survive the shared mapper unchanged, and the wire shape is as documented. */
class EconomyMessagesTest {
    private static final Instant T = Instant.parse("2025-05-01T10:00:00.123456Z");
    private static final QuoteView QUOTE = new QuoteView("q1", "buy", 50_000, 500, 100_000, 10_000, T, T.plusSeconds(600),
        "a2V5", "abcd");

    static Stream<Object> messages() {
        return Stream.of(new JobHoldRequest("j1", "alice", 10), new JobHoldReply("j1", 10, 1000), new PriceRequest(),
            new PriceReply(1200, 1000, 250, 4000, 1.5), new LoadReport(3, 4),
            new AccountHistoryRequest("user:a", 10, 5L),
            new AccountHistoryReply("user:a", List.of(new EntryView(1, T, "earn", "user:a", "node:w", 5, "job:j", "k", "ff")), 1L),
            new QuoteRequest("buy", 5), QUOTE, new IntentCreateRequest("alice", QUOTE, "manual"),
            new IntentSettleRequest("pi_1", "proof"), new IntentGetRequest("pi_1"),
            new IntentView("pi_1", "user:a", 5, 1, "q1", "manual", "pending", "pay", null, null, T, T),
            new IssuanceListRequest(5, T), new IssuanceListReply(List.of(new IssuanceWindowView(T, T, 1, 2, 3, 4, 5, 6))),
            new CheckpointListRequest(), new CheckpointListReply(List.of(new CheckpointView(1, 2, 1, "aa", "bb", T, "n1", "k", "cc"))),
            new InclusionProofRequest(3, null), new InclusionProofReply(3, 1, 4, "aa", List.of("bb", "cc"), "dd"),
            new ConsistencyProofRequest(1, 2), new ConsistencyProofReply(1, 2, 3, 4, "aa", "bb", List.of("cc")),
            new AnchorSubmitRequest(2, "opentimestamps"), new AnchorProveRequest(2, "opentimestamps", "AQID"),
            new AnchorListRequest(null), new AnchorListRequest(2L),
            new AnchorListReply(List.of(new AnchorView(2, "opentimestamps", "aa", T, null, null),
                new AnchorView(2, "x", "aa", T, T, 3))));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void recordRoundTripsThroughTheSharedMapper(Object message) {
        assertThat(Json.fromJson(Json.toJson(message), message.getClass())).isEqualTo(message);
    }

    @Test
    void quoteTravelsWithIsoTimesAndHexSignature() {
        JsonObject json = Json.toJson(QUOTE);
        assertThat(json.getString("createdAt")).isEqualTo("2025-05-01T10:00:00.123456Z");
        assertThat(json.getString("signature")).isEqualTo("abcd");
        assertThat(json.getLong("sats")).isEqualTo(500);
    }

    @Test
    void unknownFieldsAreIgnored() {
        JsonObject json = new JsonObject().put("jobId", "j1").put("requester", "a").put("budgetMilli", 5).put("future", 1);
        assertThat(Json.fromJson(json, JobHoldRequest.class)).isEqualTo(new JobHoldRequest("j1", "a", 5));
    }
}
