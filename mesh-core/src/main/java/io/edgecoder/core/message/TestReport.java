package io.edgecoder.core.message;

import java.util.List;

/** Counts parsed from a test runner's output; {@code failures} names the failing tests. */
public record TestReport(int run, int passed, int failed, int skipped, List<String> failures) {
}
