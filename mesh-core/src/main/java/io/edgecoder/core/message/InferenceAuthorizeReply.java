package io.edgecoder.core.message;

/**
 * An escrowed chat call: {@code reservedMilli} moved from {@code payer} to {@code call:<callId>} at the prices of
 * {@code modelClass}, fixed for this call.
 *
 * @param modelClass {@code small}, {@code medium} or {@code large}
 * @param promptPriceMilli milli-credits per 1,000 prompt tokens
 * @param completionPriceMilli milli-credits per 1,000 generated tokens
 */
public record InferenceAuthorizeReply(
    String callId,
    String payer,
    String modelClass,
    long promptPriceMilli,
    long completionPriceMilli,
    long reservedMilli) {
}
