package io.edgecoder.core.message;

/** Asks the ledger to verify its chain. */
public record VerifyRequest() {
}
