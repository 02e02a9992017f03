package io.edgecoder.core.message;

/**
 * Cancels a job for {@code actor}: its running subtasks are stopped, queued ones never start,
 * its escrow is released, and it ends {@code cancelled}. Someone else's job is answered 404.
 */
public record JobCancelRequest(String id, Actor actor) {
}
