package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.RunSubtaskReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumTest {
    private static Claim claim(String worker, String digest, boolean trusted, long cpu, long cap) {
        RunSubtaskReply reply = new RunSubtaskReply(worker, "passed", 0, 10, cpu, null, "", "", false, "strong", null);
        return new Claim(worker + "#1", "l", worker, "org-" + worker, trusted, reply, digest, 100, cap);
    }

    private final Quorum quorum = new Quorum(2);

    @Test
    void twoDistinctAgreeingWorkersMakeAResultFinal() {
        assertThat(quorum.decide(List.of(claim("a", "X", false, 1, 9))).kind()).isEqualTo(Quorum.Kind.NEED_MORE);
        Quorum.Decision d = quorum.decide(List.of(claim("a", "X", false, 1, 9), claim("b", "X", false, 1, 9)));
        assertThat(d.kind()).isEqualTo(Quorum.Kind.FINAL);
        assertThat(d.digest()).isEqualTo("X");
    }

    @Test
    void theSameWorkerTwiceIsNotAQuorum() {
        assertThat(quorum.decide(List.of(claim("a", "X", false, 1, 9), claim("a", "X", false, 1, 9))).kind())
            .isEqualTo(Quorum.Kind.NEED_MORE);
    }

    @Test
    void anyDisagreementIsADispute() {
        assertThat(quorum.decide(List.of(claim("a", "X", false, 1, 9), claim("b", "Y", false, 1, 9))).kind())
            .isEqualTo(Quorum.Kind.DISPUTED);
        assertThat(new Quorum(3).decide(List.of(claim("a", "X", false, 1, 9), claim("b", "X", false, 1, 9),
            claim("c", "Y", false, 1, 9))).kind()).isEqualTo(Quorum.Kind.DISPUTED);
    }

    @Test
    void aTrustedClaimDecidesAlone() {
        Quorum.Decision d = quorum.decide(List.of(claim("a", "X", false, 1, 9), claim("b", "X", false, 1, 9),
            claim("t", "Y", true, 1, 9)));
        assertThat(d.kind()).isEqualTo(Quorum.Kind.FINAL);
        assertThat(d.digest()).isEqualTo("Y");
    }

    @Test
    void theAgreedMeasureIsTheLowerMedianOfWhatEachClaimMayBePaid() {
        assertThat(Quorum.agreedMeasure(List.of(claim("a", "X", false, 200, 900), claim("b", "X", false, 5_000, 900))))
            .as("an inflated claim moves nothing").isEqualTo(200);
        assertThat(Quorum.agreedMeasure(List.of(claim("a", "X", false, 300, 900), claim("b", "X", false, 100, 900),
            claim("c", "X", false, 800, 900)))).isEqualTo(300);
        assertThat(Quorum.agreedMeasure(List.of(claim("a", "X", false, 5_000, 400)))).as("capped").isEqualTo(400);
    }
}
