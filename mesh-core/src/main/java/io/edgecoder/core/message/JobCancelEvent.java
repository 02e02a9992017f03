package io.edgecoder.core.message;

/**
 * Published once a job is recorded {@code cancelled}: workers kill the job's runs and refuse new
 * ones, coordinators stop dispatching its subtasks.
 */
public record JobCancelEvent(String jobId) {
}
