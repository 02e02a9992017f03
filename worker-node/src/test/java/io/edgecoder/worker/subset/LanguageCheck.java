package io.edgecoder.worker.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;

/** The subset check of one language, as that language's tests call it. */
record LanguageCheck(SubsetChecker checker, String language) {
    LanguageCheck(String language) {
        this(new SubsetChecker(), language);
    }

    List<Violation> check(String path, String source) {
        return check(Map.of(path, source));
    }

    List<Violation> check(Map<String, String> files) {
        return checker.check(language, files);
    }

    /** Each violation as (file, line, column, construct). */
    static List<Tuple> positions(List<Violation> found) {
        return found.stream().map(v -> tuple(v.file(), v.line(), v.column(), v.construct())).toList();
    }

    /** Asserts {@code found} is one syntax error, at {@code path}:{@code line}:{@code column}; returns it for the parser's own words. */
    static Violation onlySyntaxError(List<Violation> found, String path, int line, int column) {
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.file()).isEqualTo(path);
            assertThat(v.line()).isEqualTo(line);
            assertThat(v.column()).isEqualTo(column);
            assertThat(v.construct()).isEqualTo("syntax");
            assertThat(v.message()).startsWith("syntax error: ");
        });
        return found.get(0);
    }
}
