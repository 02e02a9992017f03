package io.edgecoder.core.message;

import java.util.List;

/** Enrolled nodes, newest enrollment first. */
public record NodeListReply(List<NodeView> nodes) {
}
