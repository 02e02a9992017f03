package io.edgecoder.core.message;

import java.time.Instant;

/** A node revoked ({@code revoked} true) or reinstated, published by the control role. */
public record RevocationEvent(String nodeId, boolean revoked, Instant at) {
}
