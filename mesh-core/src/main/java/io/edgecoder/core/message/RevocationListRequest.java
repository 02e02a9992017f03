package io.edgecoder.core.message;

/** Asks the control role for every revoked node id. */
public record RevocationListRequest() {
}
