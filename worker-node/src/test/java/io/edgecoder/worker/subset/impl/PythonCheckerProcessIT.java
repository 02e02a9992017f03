package io.edgecoder.worker.subset.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.worker.subset.SubsetLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The checker's child process: what it can see and what bounds it. */
class PythonCheckerProcessIT {
    private static final String PROBE = String.join("\n",
            "import os, resource, sys",
            // Python's C-locale coercion (PEP 538) sets LC_CTYPE itself; nothing else may be there.
            "print(sorted(k for k in os.environ if k != 'LC_CTYPE'))",
            "print(resource.getrlimit(resource.RLIMIT_AS)[0])",
            "print(resource.getrlimit(resource.RLIMIT_CPU)[0])",
            "print(resource.getrlimit(resource.RLIMIT_FSIZE)[0])",
            "print(sys.flags.isolated, sys.flags.no_site, sys.flags.dont_write_bytecode)",
            "print(os.getcwd())",
            "print(sys.stdin.read())");

    private final SubsetLimits limits = SubsetLimits.defaults();

    @Test
    void checkerRunsIsolatedWithAnEmptyEnvironmentAndRlimits() throws Exception {
        PythonSubset python = new PythonSubset(limits);

        BoundedProcess.Result result = BoundedProcess.run(python.command(PROBE),
                "from stdin".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), 4096);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines().toList()).containsExactly(
                "[]",
                String.valueOf(limits.memoryBytes()),
                String.valueOf(limits.cpuSeconds()),
                "0",
                "1 1 1",
                "/",
                "from stdin");
    }

    @Test
    void childPastItsDeadlineIsKilled() throws Exception {
        long start = System.nanoTime();

        BoundedProcess.Result result = BoundedProcess.run(
                java.util.List.of("/bin/sleep", "30"), new byte[0], Duration.ofMillis(200), 4096);

        assertThat(result.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void outputPastTheCapIsCutAndMarked() throws Exception {
        byte[] input = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);

        BoundedProcess.Result result = BoundedProcess.run(
                java.util.List.of("/bin/cat"), input, Duration.ofSeconds(10), 1000);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutTruncated()).isTrue();
        assertThat(result.stdout()).hasSize(1000);
    }
}
