package io.edgecoder.core.message;

import java.util.List;

/**
 * What one inference node serves, published on {@code InferenceAddresses.HEARTBEAT}: its models
 * (one {@link ModelInfo} per model and provider) and the chat calls it has in flight, the
 * routing's load measure. Receivers take the node id and org from the sender's certificate.
 *
 * @param intervalMillis how often the node publishes; receivers forget it after three missed beats
 */
public record InferenceHeartbeat(String nodeId, String org, List<ModelInfo> models, int inFlight, long intervalMillis) {
}
