package io.edgecoder.worker.subset;

import java.util.Arrays;
import java.util.Map;

/**
 * Latency of the restricted-subset check: a typical test file per language (first call, then
 * p50 and p99 of the following calls) and one generated 1 MB source per language. Run from
 * the repository root (argument: calls per series):
 * <pre>
 * mvn -B -q -pl worker-node test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/wn.cp -Dmdep.includeScope=test
 * java -cp worker-node/target/classes:worker-node/target/test-classes:$(cat /tmp/wn.cp) \
 *     io.edgecoder.worker.subset.SubsetCheckBenchmark 50
 * </pre>
 */
public final class SubsetCheckBenchmark {
    private SubsetCheckBenchmark() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        SubsetChecker checker = new SubsetChecker();
        series(checker, SubsetChecker.PYTHON, "test_point.py", Sources.resource("unittest_ok.py"), calls);
        series(checker, SubsetChecker.JAVASCRIPT, "modern.mjs", Sources.resource("modern.mjs"), calls);
        large(checker, SubsetChecker.PYTHON, "big.py", "def f%d(x):\n    return x + 1\n");
        large(checker, SubsetChecker.JAVASCRIPT, "big.js", "function f%d(x) { return x + 1; }\n");
    }

    private static void series(SubsetChecker checker, String language, String path, String source, int calls) {
        long first = timeMicros(checker, language, path, source);
        long[] micros = new long[calls];
        for (int i = 0; i < calls; i++) {
            micros[i] = timeMicros(checker, language, path, source);
        }
        Arrays.sort(micros);
        System.out.printf("%s %s: first %.1f ms, p50 %.1f ms, p99 %.1f ms (%d calls)%n", language, path,
                first / 1000.0, micros[calls / 2] / 1000.0, micros[Math.min(calls - 1, calls * 99 / 100)] / 1000.0,
                calls);
    }

    private static void large(SubsetChecker checker, String language, String path, String pattern) {
        StringBuilder source = new StringBuilder();
        while (source.length() < 1_000_000) {
            source.append(String.format(pattern, source.length()));
        }
        System.out.printf("%s %s (%d bytes): %.1f ms%n", language, path, source.length(),
                timeMicros(checker, language, path, source.toString()) / 1000.0);
    }

    private static long timeMicros(SubsetChecker checker, String language, String path, String source) {
        long start = System.nanoTime();
        int found = checker.check(language, Map.of(path, source)).size();
        if (found != 0) {
            throw new IllegalStateException(path + " should pass the check, got " + found + " violations");
        }
        return (System.nanoTime() - start) / 1000;
    }
}
