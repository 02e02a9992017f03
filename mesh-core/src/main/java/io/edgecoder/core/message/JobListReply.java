package io.edgecoder.core.message;

import java.util.List;

/** A page of jobs (without subtask output) and the cursor for the next page, if any. */
public record JobListReply(List<JobView> jobs, String next) {
}
