package io.edgecoder.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RolloutSelectionTest {
    private static final List<String> NODES = IntStream.range(0, 2000).mapToObj(i -> String.format("n%016x", i * 7919L)).toList();

    @Test
    void aPercentageSelectsAboutThatShareOfAManyNodes() {
        long half = NODES.stream().filter(n -> RolloutSelection.selected("r1", n, 50)).count();
        long tenth = NODES.stream().filter(n -> RolloutSelection.selected("r1", n, 10)).count();

        assertThat(half).isBetween(900L, 1100L);
        assertThat(tenth).isBetween(150L, 250L);
    }

    @Test
    void raisingThePercentageOnlyAddsNodes() {
        for (String n : NODES) {
            if (RolloutSelection.selected("r1", n, 10)) {
                assertThat(RolloutSelection.selected("r1", n, 50)).as(n).isTrue();
            }
        }
    }

    @Test
    void zeroSelectsNoneAndAHundredSelectsAll() {
        assertThat(NODES).noneMatch(n -> RolloutSelection.selected("r1", n, 0));
        assertThat(NODES).allMatch(n -> RolloutSelection.selected("r1", n, 100));
    }

    @Test
    void theRolloutNameSaltsTheSelectionAndItIsDeterministic() {
        long same = NODES.stream().filter(n -> RolloutSelection.selected("a", n, 50) == RolloutSelection.selected("b", n, 50)).count();

        assertThat(same).isLessThan(NODES.size());
        assertThat(RolloutSelection.bucket("a", "n1")).isEqualTo(RolloutSelection.bucket("a", "n1")).isBetween(0, 9999);
    }
}
