package io.edgecoder.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerFilesTest {
    private static final Set<String> TESTS = Set.of("test_calc.py");

    @Test
    void aFenceNamingItsPathGivesThatFile() {
        AnswerFiles.Answer a = AnswerFiles.parse("Here:\n```python path=calc.py\ndef add(a, b):\n    return a + b\n```\nDone.",
            TESTS, null);

        assertThat(a.files()).isEqualTo(Map.of("calc.py", "def add(a, b):\n    return a + b\n"));
        assertThat(a.ignored()).isEmpty();
    }

    @Test
    void theLineBeforeAFenceMayNameThePath() {
        String text = "**calc.py**\n```python\nX = 1\n```\n\n### File: pkg/util.py\n```\nY = 2\n```\n`other.py`:\n```py\nZ = 3\n```\n";

        assertThat(AnswerFiles.parse(text, TESTS, null).files())
            .containsExactly(Map.entry("calc.py", "X = 1\n"), Map.entry("pkg/util.py", "Y = 2\n"), Map.entry("other.py", "Z = 3\n"));
    }

    @Test
    void aSingleUnnamedBlockGoesToTheOnlyFileThereIsToWrite() {
        assertThat(AnswerFiles.parse("```python\nX = 1\n```", TESTS, "calc.py").files()).isEqualTo(Map.of("calc.py", "X = 1\n"));
        AnswerFiles.Answer none = AnswerFiles.parse("```python\nX = 1\n```", TESTS, null);
        assertThat(none.files()).isEmpty();
        assertThat(none.ignored()).containsExactly("1 code block(s) did not name their file");
    }

    @Test
    void testFilesAndUnsafePathsAreLeftOutWithTheReason() {
        AnswerFiles.Answer a = AnswerFiles.parse("```python path=test_calc.py\ncheat\n```\n```python path=../evil.py\nx\n```\n"
            + "```python path=calc.py\nok\n```", TESTS, null);

        assertThat(a.files()).containsOnlyKeys("calc.py");
        assertThat(a.ignored()).hasSize(2);
        assertThat(a.ignored().get(0)).contains("test_calc.py: a test file");
        assertThat(a.ignored().get(1)).contains("escapes the workspace");
    }

    @Test
    void anUnclosedFenceRunsToTheEndAndLongerFencesHoldShorterOnes() {
        AnswerFiles.Answer a = AnswerFiles.parse("````markdown path=README.md\n```\ncode\n```\n````\n```js path=a.js\nlet x;",
            TESTS, null);

        assertThat(a.files()).containsEntry("README.md", "```\ncode\n```\n").containsEntry("a.js", "let x;\n");
    }

    @Test
    void proseWithoutBlocksNamesNoFile() {
        assertThat(AnswerFiles.parse("I cannot help with that.", TESTS, "calc.py").files()).isEmpty();
        assertThat(AnswerFiles.parse(null, TESTS, "calc.py").files()).isEmpty();
    }
}
