package io.edgecoder.core.message;

import java.time.Instant;

/** Issuance windows ending before {@code before} (null: all), newest first, at most {@code limit}. */
public record IssuanceListRequest(Integer limit, Instant before) {
}
