package io.edgecoder.app.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Python jobs whose true outcome is known by construction: each test file holds two tests. */
public final class FleetJobs {
    public static final String CALC = "def add(a, b):\n    return a + b\n";

    private FleetJobs() {
    }

    /** A test file of two tests; when {@code failing}, the second one fails. */
    public static String testFile(String name, boolean failing) {
        return "import unittest\n\nfrom calc import add\n\nclass " + name + "(unittest.TestCase):\n"
            + "    def test_adds(self):\n        self.assertEqual(add(2, 3), 5)\n\n"
            + "    def test_adds_again(self):\n        self.assertEqual(add(2, 2), " + (failing ? 5 : 4) + ")\n";
    }

    /** A job's files: {@code calc.py} and one test file per entry of {@code failing} (true = that file fails). */
    public static Map<String, String> files(List<Boolean> failing) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("calc.py", CALC);
        for (int i = 0; i < failing.size(); i++) {
            files.put(testName(i), testFile("T" + i, failing.get(i)));
        }
        return files;
    }

    /** Whether a test file made by {@link #testFile} fails (false for anything else, e.g. a missing file). */
    public static boolean fails(String testFile) {
        return testFile != null && testFile.contains("add(2, 2), 5)");
    }

    public static String testName(int i) {
        return "test_" + (char) ('a' + i) + ".py";
    }

    public static List<String> tests(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(FleetJobs::testName).toList();
    }
}
