package io.edgecoder.core.message;

/** A page of an account's entries, oldest first, after {@code afterSeq} (null: from the start). */
public record AccountHistoryRequest(String account, Integer limit, Long afterSeq) {
}
