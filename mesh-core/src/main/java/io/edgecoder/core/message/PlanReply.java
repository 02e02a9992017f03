package io.edgecoder.core.message;

import java.util.List;

/**
 * A decomposition: subtasks in order, and which planner produced it ({@code deterministic}
 * when no model is configured).
 */
public record PlanReply(List<PlannedSubtask> subtasks, String planner) {
}
