package io.edgecoder.inference.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.InferenceHeartbeat;
import io.edgecoder.core.message.ModelInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The price size of a model: the smallest any node the request may use advertises, so one honest node bounds a liar. */
class ModelTableTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long NOW = 1_000_000;
    private final ModelTable table = new ModelTable();

    /** One heartbeat of {@code node}: {@code models} at {@code size} bytes. */
    private void advertise(String node, String org, long size, String... models) {
        List<ModelInfo> infos = java.util.Arrays.stream(models).map(m -> new ModelInfo(m, "ollama", size, 0, null, node, org, false)).toList();
        table.update(new InferenceHeartbeat(node, org, infos, 0, 5000), node, org, NOW);
    }

    private static ChatRequest request(String model, boolean localOnly) {
        return new ChatRequest("r1", model, List.of(ChatMessage.user("hi")), 16, null, Actor.user("alice"), "acme", localOnly, null,
            null, null);
    }

    private long priceSize(String model, boolean localOnly) {
        List<ModelTable.Candidate> candidates = table.candidates(request(model, localOnly), "router", Map.of(), NOW);
        return table.sizeBytes(model, candidates);
    }

    @Test
    void theSmallestSizeAdvertisedByAnyCandidateIsThePriceSize() {
        advertise("honest", "acme", 2 * GIB, "coder");
        advertise("liar", "acme", 40 * GIB, "coder");

        assertThat(priceSize("coder", false)).isEqualTo(2 * GIB);
    }

    @Test
    void aNodeThatSaysNothingDoesNotMakeTheModelUnknownAndALoneLiarStillSetsTheSize() {
        advertise("quiet", "acme", 0, "coder", "unsized");
        advertise("liar", "acme", 40 * GIB, "coder");

        assertThat(priceSize("coder", false)).isEqualTo(40 * GIB);
        assertThat(priceSize("unsized", false)).as("nobody says: unknown").isZero();
    }

    @Test
    void onlyNodesTheRequestMayUseBoundTheSize() {
        advertise("other-org", "globex", 1 * GIB, "coder");
        advertise("own", "acme", 10 * GIB, "coder");

        assertThat(priceSize("coder", true)).as("a local-only call of acme may not use globex's node").isEqualTo(10 * GIB);
        assertThat(priceSize("coder", false)).as("a mesh call may").isEqualTo(1 * GIB);
    }
}
