package io.edgecoder.inference.impl;

import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.PlanRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat that asks a model for a plan: the schema the answer must follow, the job's test files
 * and a bounded excerpt of its files (at most {@value #MAX_PER_FILE} characters of each,
 * {@value #MAX_TOTAL} in all).
 */
final class PlanPrompt {
    static final int MAX_PER_FILE = 2000;
    static final int MAX_TOTAL = 16_000;

    static final String SCHEMA = """
        {"type": "object", "required": ["subtasks"], "properties": {"subtasks": {"type": "array",
         "items": {"type": "object", "required": ["test"], "properties": {"test": {"type": "string"},
         "reason": {"type": "string", "maxLength": 200}}}}}}""";

    private PlanPrompt() {
    }

    static List<ChatMessage> messages(PlanRequest request) {
        String system = "You plan the work of a coding job. Every subtask runs exactly one of the job's test files in a"
            + " sandbox. Order the subtasks so that the most basic tests come first. Answer with one JSON object and nothing"
            + " else, following this JSON schema:\n" + SCHEMA + "\nEvery test file must appear exactly once; use the file"
            + " names exactly as given.";
        return List.of(ChatMessage.system(system), ChatMessage.user(job(request)));
    }

    private static String job(PlanRequest request) {
        StringBuilder out = new StringBuilder("Language: ").append(request.language()).append("\nTest files:\n");
        request.tests().forEach(t -> out.append("- ").append(t).append('\n'));
        out.append("Other files:\n");
        request.files().keySet().stream().filter(f -> !request.tests().contains(f)).sorted()
            .forEach(f -> out.append("- ").append(f).append('\n'));
        out.append("\nExcerpts:\n");
        int left = MAX_TOTAL;
        List<String> order = new ArrayList<>(request.tests());
        request.files().keySet().stream().filter(f -> !request.tests().contains(f)).sorted().forEach(order::add);
        for (String file : order) {
            String content = request.files().getOrDefault(file, "");
            int take = Math.min(Math.min(content.length(), MAX_PER_FILE), left);
            if (take <= 0) {
                break;
            }
            out.append("=== ").append(file).append(" ===\n").append(content, 0, take).append(take < content.length() ? "\n[...]\n" : "\n");
            left -= take;
        }
        return out.toString();
    }

    /** Test files the job lists, once each, in order (the deterministic planner's reading). */
    static List<String> distinct(List<String> tests) {
        return List.copyOf(new java.util.LinkedHashSet<>(tests));
    }
}
