package io.edgecoder.core.message;

import java.util.List;
import java.util.Map;

/**
 * Asks the inference service to decompose a job into subtasks.
 *
 * @param planModel the model to ask for the plan; null = the deterministic planner
 * @param org the organisation whose nodes may see the job's files when it is local-only
 * @param localOnly whether the job is local-only (its plan is asked only of nodes of {@code org})
 */
public record PlanRequest(String jobId, String language, Map<String, String> files, List<String> tests, String planModel,
                          String org, Boolean localOnly) {

    /** A request for the deterministic planner. */
    public PlanRequest(String jobId, String language, Map<String, String> files, List<String> tests) {
        this(jobId, language, files, tests, null, null, null);
    }
}
