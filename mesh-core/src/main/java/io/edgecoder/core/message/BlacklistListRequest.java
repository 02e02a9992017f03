package io.edgecoder.core.message;

/** Lists active blacklist entries, or every entry ever made when {@code all} is true. */
public record BlacklistListRequest(Boolean all) {
}
