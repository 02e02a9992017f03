package io.edgecoder.core.message;

import java.util.List;

/** Issuance windows, newest first. */
public record IssuanceListReply(List<IssuanceWindowView> windows) {
}
