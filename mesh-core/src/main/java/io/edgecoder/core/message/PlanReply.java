package io.edgecoder.core.message;

import java.util.List;

/**
 * A decomposition: subtasks in order, and which planner produced it ({@code deterministic}, or
 * {@code model:<name>} for a plan a model wrote).
 *
 * @param note why a model was asked but its plan not used (the deterministic plan stands in); null otherwise
 */
public record PlanReply(List<PlannedSubtask> subtasks, String planner, String note) {

    /** A plan without a note. */
    public PlanReply(List<PlannedSubtask> subtasks, String planner) {
        this(subtasks, planner, null);
    }
}
