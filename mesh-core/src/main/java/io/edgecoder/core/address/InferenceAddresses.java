package io.edgecoder.core.address;

/** Event-bus addresses of the inference service. */
public final class InferenceAddresses {
    /**
     * Request {@code PlanRequest} → {@code PlanReply}: decompose a job into subtasks. Without
     * a configured model the deterministic planner makes one subtask per test file.
     * Errors: 400 nothing to plan.
     */
    public static final String PLAN_CREATE = "edgecoder.inference.plan.create";

    private InferenceAddresses() {
    }
}
