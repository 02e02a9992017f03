package io.edgecoder.core.message;

/** Asks for all account balances. */
public record BalancesRequest() {
}
