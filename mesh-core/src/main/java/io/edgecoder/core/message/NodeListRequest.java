package io.edgecoder.core.message;

/** Lists enrolled nodes; {@code status} (pending|approved|rejected|revoked) filters, null lists all. */
public record NodeListRequest(String status) {
}
