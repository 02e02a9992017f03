package io.edgecoder.inference.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.PlanReply;
import io.edgecoder.core.message.PlanRequest;
import io.edgecoder.core.message.PlannedSubtask;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The planner used when no model is configured: one subtask per test file, in the order the
 * job lists them. Deterministic, so a resumed job gets the same plan.
 */
public final class DeterministicPlanner {
    public static final String NAME = "deterministic";

    public PlanReply plan(PlanRequest request) {
        if (request.tests() == null || request.tests().isEmpty()) {
            throw MeshException.badRequest("tests: nothing to plan, the job has no test files");
        }
        if (request.files() == null) {
            throw MeshException.badRequest("files: required");
        }
        List<PlannedSubtask> subtasks = new LinkedHashSet<>(request.tests()).stream()
            .peek(test -> {
                if (!request.files().containsKey(test)) {
                    throw MeshException.badRequest("tests: '" + test + "' is not one of the files");
                }
            })
            .map(PlannedSubtask::new)
            .toList();
        return new PlanReply(subtasks, NAME);
    }
}
