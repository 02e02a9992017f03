package io.edgecoder.core.message;

/** The measured work of one passed subtask attempt. */
public record Contribution(String attemptId, String workerId, long cpuMs) {
}
