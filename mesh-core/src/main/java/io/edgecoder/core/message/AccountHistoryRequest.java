package io.edgecoder.core.message;

/**
 * A page of an account's entries, oldest first, after {@code afterSeq} (null: from the start), for
 * {@code actor}: a person may read only their own account (see {@link io.edgecoder.core.Ownership}).
 */
public record AccountHistoryRequest(String account, Integer limit, Long afterSeq, Actor actor) {
    /** For the operator (trusted code: the operator CLI, tests). */
    public AccountHistoryRequest(String account, Integer limit, Long afterSeq) {
        this(account, limit, afterSeq, Actor.operator());
    }
}
