package io.edgecoder.core.message;

/**
 * Lists jobs newest first.
 *
 * @param limit 1..200 (default 50)
 * @param after a job id: list jobs created before it (the previous page's last id)
 */
public record JobListRequest(Integer limit, String after) {
}
