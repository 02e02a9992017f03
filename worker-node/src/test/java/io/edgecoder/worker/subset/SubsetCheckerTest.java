package io.edgecoder.worker.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubsetCheckerTest {
    private final SubsetChecker checker = new SubsetChecker(SubsetLimits.defaults().withSizes(2, 100, 150));

    @Test
    void unknownLanguageIsABadRequest() {
        assertThatThrownBy(() -> checker.check("ruby", Map.of("a.rb", "puts 1")))
                .isInstanceOfSatisfying(MeshException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThat(SubsetChecker.supports("python")).isTrue();
        assertThat(SubsetChecker.supports("javascript")).isTrue();
        assertThat(SubsetChecker.supports("java")).isFalse();
    }

    @Test
    void missingSourceOrBlankPathIsABadRequest() {
        Map<String, String> missing = new HashMap<>();
        missing.put("a.js", null);

        assertThatThrownBy(() -> checker.check("javascript", missing))
                .isInstanceOfSatisfying(MeshException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> checker.check("javascript", Map.of(" ", "x")))
                .isInstanceOf(MeshException.class);
    }

    @Test
    void noSourcesMeansNothingToRefuse() {
        assertThat(checker.check("javascript", Map.of())).isEmpty();
    }

    @Test
    void oversizedRequestsAreRefusedWithoutParsing() {
        Map<String, String> files = Map.of(
                "a.js", "x".repeat(101),
                "b.js", "let ok = 1;",
                "c.js", "y".repeat(60));

        // a.js would be a syntax error if parsed; it is reported only as too large.
        assertThat(checker.check("javascript", files))
                .extracting(Violation::file, Violation::construct)
                .containsExactly(tuple("", "too-large"), tuple("a.js", "too-large"), tuple("", "too-large"));
    }

    @Test
    void sizesCountUtf8Bytes() {
        String hundredBytes = "é".repeat(50);

        assertThat(checker.check("javascript", Map.of("a.js", "'" + hundredBytes + "'")))
                .extracting(Violation::construct).containsExactly("too-large");
    }

    @Test
    void violationRejectsNegativePositions() {
        assertThatThrownBy(() -> new Violation("a", -1, 0, "syntax", "m"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Violation("a.py", 3, 7, "name:eval", "why").describe())
                .isEqualTo("a.py:3:7 name:eval: why");
    }
}
