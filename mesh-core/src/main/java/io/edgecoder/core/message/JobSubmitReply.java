package io.edgecoder.core.message;

/** Reply to a job submission: its id and first status ({@code queued} or {@code rejected}). */
public record JobSubmitReply(String id, String status, String reason) {
}
