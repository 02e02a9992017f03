package io.edgecoder.core.message;

/** A node forced to enroll again: the node as now recorded (revoked) and the fresh token to hand it. */
public record ReenrollReply(NodeView node, EnrollTokenReply token) {
}
