package io.edgecoder.worker.bench;

import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.worker.Sandbox;
import io.edgecoder.worker.impl.BubblewrapSandbox;
import io.edgecoder.worker.impl.CgroupDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Wall time of a trivial passing test, bare (the runtime started directly, as a shell would)
 * against the strong sandbox, and throughput of a queue of trivial tests on a fixed number of
 * slots. Run as root from the repository root (arguments: runs per latency series, queued runs, slots,
 * and optionally a comma-separated list of languages, default every language this machine has):
 * <pre>
 * mvn -B -q -pl worker-node test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/wn.cp -Dmdep.includeScope=test
 * java -cp worker-node/target/classes:worker-node/target/test-classes:$(cat /tmp/wn.cp) \
 *     io.edgecoder.worker.bench.SandboxBenchmark 200 200 2
 * </pre>
 */
public final class SandboxBenchmark {
    static final String PY = "import unittest\nclass T(unittest.TestCase):\n    def test_ok(self):\n        self.assertTrue(True)\n";
    static final String JS = "const test = require('node:test');\ntest('ok', () => {});\n";
    static final String JAVA = "public class TrivialTest {\n    public static void main(String[] args) {\n"
        + "        System.out.println(\"PASS ok\");\n    }\n}\n";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int queued = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path work = Files.createTempDirectory("bench-work");
        Sandbox strong = new BubblewrapSandbox(work, CgroupDriver.detect(), 1_900_600_000, Math.max(slots, 1));
        System.out.printf("isolation=%s cores=%d%n", strong.isolation(), Runtime.getRuntime().availableProcessors());
        List<String> languages = args.length > 3 ? List.of(args[3].split(",")) : Language.availableIds();
        for (Language language : Language.values()) {
            if (!languages.contains(language.id()) || !language.available()) {
                continue;
            }
            RunSpec spec = spec(language);
            warmUp(strong, spec);
            long[][] both = interleaved(runs, () -> bare(spec), () -> sandboxed(strong, spec));
            report(language.id() + " bare  ", both[0]);
            report(language.id() + " strong", both[1]);
            System.out.printf("%s added at p50: %.1f ms%n", language.id(), (percentile(both[1], 50) - percentile(both[0], 50)) / 1000.0);
        }
        if (languages.contains(Language.PYTHON.id())) {
            warmSeries(work, runs);
        }
        if (queued > 0) {
            throughput(strong, queued, slots);
        }
        strong.close();
        Files.deleteIfExists(work);
    }

    static RunSpec spec(Language language) {
        String test = switch (language) {
            case PYTHON -> "test_t.py";
            case JAVASCRIPT -> "t.test.js";
            case JAVA -> "TrivialTest.java";
        };
        String source = switch (language) {
            case PYTHON -> PY;
            case JAVASCRIPT -> JS;
            case JAVA -> JAVA;
        };
        return new RunSpec(language, Map.of(test, source), test, Duration.ofSeconds(30), RunLimits.defaults());
    }

    interface Timed {
        void run() throws Exception;
    }

    /** Alternates the bodies so that all see the same background load; sorted microseconds each. */
    static long[][] interleaved(int n, Timed... bodies) throws Exception {
        long[][] micros = new long[bodies.length][n];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < bodies.length; b++) {
                micros[b][i] = timed(bodies[b]);
            }
        }
        for (long[] series : micros) {
            Arrays.sort(series);
        }
        return micros;
    }

    /**
     * Python bare, cold strong and warm strong (one pre-started sandbox, refilled at nice 19
     * between runs), alternated; a warm run whose sandbox was not refilled in time runs cold, and
     * the pool's counts say how many were warm.
     */
    static void warmSeries(Path work, int runs) throws Exception {
        RunSpec spec = spec(Language.PYTHON);
        BubblewrapSandbox cold = new BubblewrapSandbox(work.resolve("cold"), CgroupDriver.detect(), 1_900_602_000, 1);
        BubblewrapSandbox warm = new BubblewrapSandbox(work.resolve("warm"), CgroupDriver.detect(), 1_900_604_000, 1, 1, RunLimits.defaults());
        warmUp(cold, spec);
        warmUp(warm, spec);
        long[][] three = interleaved(runs, () -> bare(spec), () -> sandboxed(cold, spec), () -> sandboxed(warm, spec));
        report("python bare       ", three[0]);
        report("python strong cold", three[1]);
        report("python strong warm", three[2]);
        System.out.println("pre-started sandboxes: " + warm.warmStats().orElse("none"));
        cold.close();
        warm.close();
    }

    static long timed(Timed body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1000;
    }

    static void warmUp(Sandbox sandbox, RunSpec spec) throws Exception {
        for (int i = 0; i < 5; i++) {
            sandboxed(sandbox, spec);
            bare(spec);
        }
    }

    static void sandboxed(Sandbox sandbox, RunSpec spec) {
        RunResult result = sandbox.run(spec);
        if (result.status() != SubtaskStatus.PASSED) {
            throw new IllegalStateException("trivial test did not pass: " + result);
        }
    }

    /** The same runtime, test and cleared environment, in a fresh directory, with no sandbox at all. */
    static void bare(RunSpec spec) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bench-bare");
        try {
            Files.writeString(dir.resolve(spec.test()), spec.files().get(spec.test()));
            ProcessBuilder builder = new ProcessBuilder(spec.language().testCommand(spec)).directory(dir.toFile())
                .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString(), "LANG", "C.UTF-8"));
            Process p = builder.start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("bare run failed");
            }
        } finally {
            // Java leaves its compiled classes in the directory.
            try (var tree = Files.walk(dir)) {
                tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void throughput(Sandbox sandbox, int queued, int slots) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        RunSpec spec = spec(Language.PYTHON);
        long start = System.nanoTime();
        List<Future<RunResult>> results = new ArrayList<>();
        for (int i = 0; i < queued; i++) {
            results.add(pool.submit(() -> sandbox.run(spec)));
        }
        long passed = 0;
        for (Future<RunResult> r : results) {
            passed += r.get().status() == SubtaskStatus.PASSED ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("queue of %d trivial python tests on %d slots: %.2f s, %.1f runs/s, %d passed%n",
            queued, slots, seconds, queued / seconds, passed);
    }

    static void report(String label, long[] micros) {
        System.out.printf("%s p50 %6.1f ms  p99 %6.1f ms  (n=%d)%n", label, percentile(micros, 50) / 1000.0,
            percentile(micros, 99) / 1000.0, micros.length);
    }

    static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
