package io.edgecoder.core.message;

/**
 * Closes an authorized chat call ({@code LedgerAddresses.INFERENCE_SETTLE}). Sent by the serving node after its
 * provider answered ({@code served} true: the usage is paid to the sender's node account), or by the routing node
 * when the call failed everywhere ({@code served} false: nothing is paid, the escrow goes back).
 *
 * @param callId the chat's request id
 * @param served whether a provider answered the call
 * @param servedBy the serving node's id; on an authenticated bus it must be the sender's certified node
 * @param model the model that answered
 * @param provider the provider name on the serving node
 * @param promptTokens prompt tokens the provider counted (0 when it reported none: estimated from the prompt)
 * @param completionTokens generated tokens the provider counted (0 when it reported none: estimated from the answer)
 * @param millis time spent in the provider call
 * @param answerChars characters of the answer (for the estimate when the provider counted no tokens)
 * @param failureCode the error code of a failed call (for the record), else null
 */
public record InferenceUsageRequest(
    String callId,
    boolean served,
    String servedBy,
    String model,
    String provider,
    int promptTokens,
    int completionTokens,
    long millis,
    long answerChars,
    Integer failureCode) {
}
