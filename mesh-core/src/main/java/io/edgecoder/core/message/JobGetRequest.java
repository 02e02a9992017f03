package io.edgecoder.core.message;

/**
 * Asks for one job by id, for {@code actor}: someone else's job is answered 404 (see
 * {@link io.edgecoder.core.Ownership}).
 */
public record JobGetRequest(String id, Actor actor) {
    /** For the operator (trusted code: the operator CLI, tests). */
    public JobGetRequest(String id) {
        this(id, Actor.operator());
    }
}
