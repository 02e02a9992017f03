package io.edgecoder.core.message;

/** One planned unit of work: run one test file against the job's files. */
public record PlannedSubtask(String test) {
}
