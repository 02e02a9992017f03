package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.PlanReply;
import io.edgecoder.core.message.PlannedSubtask;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A plan must cover each of the job's test files exactly once: a file left out would let the job
 * be verified without its tests running, a file planned twice would run (and be paid) twice, and
 * a file that is not one of the job's tests is not the requester's definition of done.
 */
public final class PlanCoverage {
    private static final int LISTED = 5;

    private PlanCoverage() {
    }

    /** Why the plan does not cover {@code tests} exactly once, or null when it does. */
    public static String problem(List<String> tests, PlanReply plan) {
        if (plan == null || plan.subtasks() == null || plan.subtasks().isEmpty()) {
            return "the plan has no subtasks";
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> twice = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PlannedSubtask s : plan.subtasks()) {
            String test = s == null ? null : s.test();
            if (test == null || !tests.contains(test)) {
                unknown.add(String.valueOf(test));
            } else if (!seen.add(test)) {
                twice.add(test);
            }
        }
        List<String> missing = tests.stream().filter(t -> !seen.contains(t)).toList();
        List<String> parts = new ArrayList<>();
        part(parts, "leaves out", missing);
        part(parts, "plans more than once", twice);
        part(parts, "plans files that are not test files of the job", unknown);
        return parts.isEmpty() ? null : "the plan " + String.join("; ", parts);
    }

    private static void part(List<String> parts, String what, List<String> files) {
        if (!files.isEmpty()) {
            String listed = String.join(", ", files.stream().limit(LISTED).map(PlanCoverage::clip).toList());
            parts.add(what + " " + listed + (files.size() > LISTED ? " and " + (files.size() - LISTED) + " more" : ""));
        }
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
