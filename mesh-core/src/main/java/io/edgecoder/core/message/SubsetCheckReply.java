package io.edgecoder.core.message;

import java.util.List;

/** What the restricted subset refuses in the checked sources; empty means allowed. */
public record SubsetCheckReply(List<SubsetViolation> violations) {
}
