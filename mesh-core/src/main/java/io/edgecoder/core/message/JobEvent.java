package io.edgecoder.core.message;

import java.time.Instant;

/** Published on job and subtask state changes. {@code subtaskId} is null for job-level events. */
public record JobEvent(String jobId, String subtaskId, String status, String worker, Instant at) {
}
