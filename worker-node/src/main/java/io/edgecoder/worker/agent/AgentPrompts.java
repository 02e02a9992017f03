package io.edgecoder.worker.agent;

import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import java.util.List;
import java.util.Map;

/**
 * What the agent says to the model: the rules of the answer (system), the task with the tests and
 * the current files (first user message), and after a failed round the failures to fix.
 */
final class AgentPrompts {
    /** Characters of a failing run's output that a feedback message quotes. */
    static final int OUTPUT_TAIL = 2000;
    /** Characters of all quoted output in one feedback message. */
    static final int FEEDBACK_OUTPUT = 8000;

    private AgentPrompts() {
    }

    static String system(String language) {
        return "You are a careful " + language + " programmer working in a sandbox without network. Write the"
            + " implementation so that the given tests pass. Reply with every file you create or change, each in full,"
            + " in a fenced code block whose opening line names its path, for example:\n```" + language
            + " path=calc" + suffix(language) + "\n...\n```\nNever change a test file; they are fixed.";
    }

    private static String suffix(String language) {
        return switch (language) {
            case "javascript" -> ".js";
            case "java" -> ".java";
            default -> ".py";
        };
    }

    /** The task, the tests and the files so far. */
    static String task(AgentRunRequest r) {
        StringBuilder out = new StringBuilder("Task:\n").append(r.prompt()).append("\n\nThe tests (")
            .append(r.tests().size()).append(" file(s), fixed):\n");
        r.tests().forEach(t -> block(out, t, r.files().get(t)));
        List<String> others = r.files().keySet().stream().filter(p -> !r.tests().contains(p)).toList();
        if (others.isEmpty()) {
            out.append("\nThere are no other files yet.\n");
        } else {
            out.append("\nThe current files:\n");
            others.forEach(p -> block(out, p, r.files().get(p)));
        }
        return out.append("\nReply with the files that make the tests pass.").toString();
    }

    private static void block(StringBuilder out, String path, String content) {
        out.append("\n").append(path).append(":\n```\n").append(content);
        if (!content.endsWith("\n")) {
            out.append('\n');
        }
        out.append("```\n");
    }

    /** After a round whose tests failed: which failed and why, and the end of their output. */
    static String failures(int iteration, int max, TestReport report, Map<String, String> outputs) {
        StringBuilder out = new StringBuilder("The tests failed (round ").append(iteration).append(" of ").append(max)
            .append("): ").append(report.failed()).append(" of ").append(report.run()).append(" failed.\n");
        for (TestFailure d : report.details()) {
            out.append("- ").append(d.test()).append(": ").append(d.message()).append('\n');
        }
        int budget = FEEDBACK_OUTPUT;
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            String tail = tail(e.getValue(), Math.min(OUTPUT_TAIL, budget));
            if (tail.isBlank()) {
                continue;
            }
            budget -= tail.length();
            out.append("\nEnd of the output of ").append(e.getKey()).append(":\n```\n").append(tail).append("\n```\n");
        }
        return out.append("\nReply with the corrected files in full.").toString();
    }

    /** After an answer the agent could not use. */
    static String unusable(List<String> problems) {
        return "I could not use your answer: " + (problems.isEmpty() ? "it named no file" : String.join("; ", problems))
            + ". Reply with each file in full in a fenced code block whose opening line names its path"
            + " (```python path=calc.py), and do not change the tests.";
    }

    private static String tail(String text, int max) {
        if (text == null || max <= 0) {
            return "";
        }
        String s = text.strip();
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }
}
