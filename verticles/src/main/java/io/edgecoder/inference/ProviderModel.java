package io.edgecoder.inference;

/**
 * A model as one provider lists it.
 *
 * @param sizeBytes weights size, 0 = unknown
 * @param contextLength context window in tokens, 0 = unknown
 * @param quantization e.g. {@code Q4_K_M}, null = unknown
 */
public record ProviderModel(String name, long sizeBytes, int contextLength, String quantization) {
}
