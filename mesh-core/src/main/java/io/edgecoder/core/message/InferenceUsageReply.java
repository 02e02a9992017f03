package io.edgecoder.core.message;

/**
 * A closed chat call, the same for every repetition of its settlement.
 *
 * @param state {@code paid} (served and charged) or {@code released} (failed: nothing charged)
 * @param chargedMilli what the payer paid for the call (0 when released)
 * @param payee the account paid ({@code node:<id>}, or {@code review:<id>} for a barred node); null when released
 */
public record InferenceUsageReply(
    String callId,
    String state,
    long chargedMilli,
    String payee) {
}
