package io.edgecoder.worker;

import io.edgecoder.core.SubtaskStatus;
import static io.edgecoder.worker.Runs.leftovers;
import static io.edgecoder.worker.Runs.processesWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java convention every sandbox must honour, written once and run against each
 * implementation: every .java file compiled together, the test class run with assertions on,
 * {@code PASS}/{@code FAIL} lines parsed, compile errors and exits reported honestly. Skipped
 * (not passed) where the worker has no JDK.
 */
public interface JavaSandboxContract {
    Sandbox sandbox();

    Path workDir();

    /** Only the Java cases are skipped without a JDK; the class's other contracts still run. */
    private static void requireJdk() {
        assumeThat(Language.JAVA.available()).as("a JDK under /usr").isTrue();
    }

    @Test
    default void passingJavaTestInAPackageWithAHelperClassIsPassedWithCounts() {
        requireJdk();
        String calc = "package calc;\npublic class Calc {\n    public static int add(int a, int b) { return a + b; }\n}\n";
        String test = "package calc;\n" + Runs.javaMain("CalcTest", """
            boolean assertions = false;
            assert assertions = true;
            System.out.println(assertions ? "PASS assertions are enabled" : "FAIL assertions are enabled: -ea missing");
            System.out.println(Calc.add(2, 2) == 4 ? "PASS adds" : "FAIL adds: wrong");
            """);
        RunResult result = sandbox().run(Runs.java(Map.of("src/calc/Calc.java", calc, "src/calc/CalcTest.java", test),
            "src/calc/CalcTest.java", 30));

        assertThat(result.status()).as(result.stdout() + result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.report()).isEqualTo(new TestReport(2, 2, 0, 0, List.of()));
        assertThat(result.isolation()).isEqualTo(sandbox().isolation());
        assertThat(result.cpuMs()).isPositive();
        assertThat(leftovers(workDir())).isEmpty();
    }

    @Test
    default void failingJavaTestIsFailedWithItsFailLineParsed() {
        requireJdk();
        String test = Runs.javaMain("SumTest", """
            System.out.println("PASS adds");
            int sum = 1 + 1;
            if (sum != 3) {
                System.out.println("FAIL wrong sum: expected 3 but was " + sum);
                System.exit(1);
            }
            """);
        RunResult result = sandbox().run(Runs.java(Map.of("SumTest.java", test), "SumTest.java", 30));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.FAILED);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.report()).isEqualTo(new TestReport(2, 1, 1, 0, List.of("wrong sum"), 0,
            List.of(new TestFailure("wrong sum", "expected 3 but was 2"))));
        assertThat(result.stdout()).contains("FAIL wrong sum: expected 3 but was 2");
    }

    @Test
    default void compileErrorIsFailedWithJavacsOutputAndNoTestRun() {
        requireJdk();
        RunResult result = sandbox().run(Runs.java(Map.of("BrokenTest.java", "public class BrokenTest {\n    int x = ;\n}\n"),
            "BrokenTest.java", 30));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.FAILED);
        assertThat(result.report()).isEqualTo(new TestReport(0, 0, 0, 0, List.of("BrokenTest.java"), 0,
            List.of(new TestFailure("BrokenTest.java", "compilation failed"))));
        assertThat(result.stderr()).contains("BrokenTest.java:2: error:").contains("compilation failed").contains("no test ran");
        assertThat(leftovers(workDir())).isEmpty();
    }

    @Test
    default void endlessLoopEndsInTimeoutAndLeavesNoProcess() {
        requireJdk();
        String name = "Spin" + Runs.marker() + "Test";
        RunResult result = sandbox().run(Runs.java(Map.of(name + ".java", Runs.javaMain(name, "while (true) { }")),
            name + ".java", 3));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.TIMEOUT);
        assertThat(result.wallMs()).isBetween(2_900L, 15_000L);
        assertThat(processesWith(name)).isEmpty();
        assertThat(leftovers(workDir())).isEmpty();
    }

    @Test
    default void systemExitThreeIsFailedWithThatExitCode() {
        requireJdk();
        RunResult result = sandbox().run(Runs.java(Map.of("ExitTest.java", Runs.javaMain("ExitTest", "System.exit(3);")),
            "ExitTest.java", 30));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.FAILED);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.report()).isEqualTo(new TestReport(1, 0, 1, 0, List.of("ExitTest.java"), 0,
            List.of(new TestFailure("ExitTest.java", "exit code 3"))));
    }

    @Test
    default void heapBombEndsInMemoryLimit() {
        requireJdk();
        String test = Runs.javaMain("HogTest", """
            java.util.List<byte[]> hog = new java.util.ArrayList<>();
            while (true) {
                hog.add(new byte[16 * 1024 * 1024]);
            }
            """);
        RunLimits limits = RunLimits.defaults().withMemoryBytes(512 * RunLimits.MIB);
        RunResult result = sandbox().run(new RunSpec(Language.JAVA, Map.of("HogTest.java", test), "HogTest.java",
            java.time.Duration.ofSeconds(30), limits));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.MEMORY_LIMIT);
        assertThat(result.stderr()).contains("java.lang.OutOfMemoryError");
    }
}
