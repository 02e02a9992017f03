package io.edgecoder.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FileDiffTest {
    @Test
    void aChangedLineIsShownWithItsContext() {
        String diff = FileDiff.of(Map.of("calc.py", "def add(a, b):\n    return a - b\n"),
            Map.of("calc.py", "def add(a, b):\n    return a + b\n"));

        assertThat(diff).isEqualTo("""
            --- a/calc.py
            +++ b/calc.py
            @@ -1,2 +1,2 @@
             def add(a, b):
            -    return a - b
            +    return a + b
            """);
    }

    @Test
    void aNewFileComesFromDevNullAndUnchangedFilesAreLeftOut() {
        String diff = FileDiff.of(Map.of("test_a.py", "t\n"), Map.of("test_a.py", "t\n", "calc.py", "x = 1\ny = 2\n"));

        assertThat(diff).isEqualTo("""
            --- /dev/null
            +++ b/calc.py
            @@ -0,0 +1,2 @@
            +x = 1
            +y = 2
            """);
    }

    @Test
    void distantChangesMakeSeparateHunksAndNearOnesOne() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append("line ").append(i).append('\n');
        }
        String b = a.toString().replace("line 2\n", "line two\n").replace("line 18\n", "line eighteen\n");

        String diff = FileDiff.of(Map.of("f.txt", a.toString()), Map.of("f.txt", b));

        assertThat(diff).contains("@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n")
            .contains("@@ -15,6 +15,6 @@\n line 15\n line 16\n line 17\n-line 18\n+line eighteen\n line 19\n line 20\n");
        assertThat(diff.split("@@ -").length - 1).isEqualTo(2);
    }

    @Test
    void noDifferenceIsAnEmptyDiff() {
        assertThat(FileDiff.of(Map.of("a.py", "x\n"), Map.of("a.py", "x\n"))).isEmpty();
    }
}
