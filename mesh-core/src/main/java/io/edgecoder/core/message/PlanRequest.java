package io.edgecoder.core.message;

import java.util.List;
import java.util.Map;

/** Asks the inference service to decompose a job into subtasks. */
public record PlanRequest(String jobId, String language, Map<String, String> files, List<String> tests) {
}
