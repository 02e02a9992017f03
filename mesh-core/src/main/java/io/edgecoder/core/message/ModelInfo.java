package io.edgecoder.core.message;

/**
 * A model one inference node serves through one of its providers.
 *
 * @param sizeBytes size of the weights, 0 = unknown
 * @param contextLength context window in tokens, 0 = unknown
 * @param quantization e.g. {@code Q4_K_M}; null = unknown
 * @param remote whether the provider is a remote (cloud) service rather than a local server
 */
public record ModelInfo(
    String name,
    String provider,
    long sizeBytes,
    int contextLength,
    String quantization,
    String node,
    String org,
    boolean remote) {
}
