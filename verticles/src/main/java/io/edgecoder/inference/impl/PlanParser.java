package io.edgecoder.inference.impl;

import io.edgecoder.core.message.PlannedSubtask;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks a plan a model wrote: one JSON object (code fences and text around it are
 * tolerated) with {@code subtasks}, each naming one test file; every test file of the job exactly
 * once, nothing else; answer and reasons bounded. Anything else is refused with the reason.
 */
final class PlanParser {
    static final int MAX_ANSWER = 64 * 1024;
    static final int MAX_REASON = 200;

    private PlanParser() {
    }

    static List<PlannedSubtask> parse(String answer, List<String> tests) {
        JsonObject plan = object(answer);
        if (!(plan.getValue("subtasks") instanceof JsonArray subtasks)) {
            throw new IllegalArgumentException("no 'subtasks' array");
        }
        Set<String> wanted = new HashSet<>(tests);
        if (subtasks.size() != wanted.size()) {
            throw new IllegalArgumentException(subtasks.size() + " subtasks for " + wanted.size() + " test files");
        }
        Set<String> seen = new HashSet<>();
        List<PlannedSubtask> out = new ArrayList<>();
        for (Object item : subtasks) {
            String test = item instanceof JsonObject o && o.getValue("test") instanceof String t ? t : null;
            if (test == null || !wanted.contains(test)) {
                throw new IllegalArgumentException("a subtask names no test file of the job");
            }
            if (!seen.add(test)) {
                throw new IllegalArgumentException("test file " + test + " is planned twice");
            }
            if (((JsonObject) item).getValue("reason") instanceof String reason && reason.length() > MAX_REASON) {
                throw new IllegalArgumentException("a reason longer than " + MAX_REASON + " characters");
            }
            out.add(new PlannedSubtask(test));
        }
        return out;
    }

    private static JsonObject object(String answer) {
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("an empty answer");
        }
        if (answer.length() > MAX_ANSWER) {
            throw new IllegalArgumentException("an answer longer than " + MAX_ANSWER + " characters");
        }
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no JSON object in the answer");
        }
        try {
            return new JsonObject(answer.substring(start, end + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the answer is not valid JSON");
        }
    }
}
