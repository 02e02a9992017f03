package io.edgecoder.core.message;

import java.util.List;

/**
 * Counts parsed from a test runner's output.
 *
 * @param run tests that ran: {@code passed + failed + skipped}
 * @param failed tests that did not pass, failures and errors alike
 * @param failures the ids of the failing tests
 * @param errors how many of {@code failed} ended in an error (an exception other than a failed
 *     assertion) where the runner tells them apart (Python's unittest); otherwise 0
 * @param details each failing test's id and message, at most {@link #MAX_DETAILS}
 */
public record TestReport(int run, int passed, int failed, int skipped, List<String> failures, int errors,
                         List<TestFailure> details) {
    /** Failing tests whose message a report keeps. */
    public static final int MAX_DETAILS = 50;
    /** Characters of one failure message a report keeps. */
    public static final int MAX_MESSAGE = 500;

    public TestReport {
        failures = failures == null ? List.of() : List.copyOf(failures);
        details = details == null ? List.of() : List.copyOf(details.subList(0, Math.min(details.size(), MAX_DETAILS)));
    }

    /** A report without errors told apart and without messages. */
    public TestReport(int run, int passed, int failed, int skipped, List<String> failures) {
        this(run, passed, failed, skipped, failures, 0, List.of());
    }

    /** {@code message} shortened to {@link #MAX_MESSAGE} characters, the cut marked; null stays null. */
    public static String clip(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
