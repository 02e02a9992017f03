package io.edgecoder.core.message;

import java.util.Map;

/** Balances in milli-credits by account ({@code user:<id>}, {@code node:<id>}, ...). */
public record BalancesReply(Map<String, Long> balances) {
}
