package io.edgecoder.core.message;

/** Asks the control role for the policy version and every node's acknowledgement of it. */
public record ControlStatusRequest() {
}
