package io.edgecoder.core.message;

/** The current price of a CPU-second in milli-credits, its bounds and the last load ratio. */
public record PriceReply(long priceMilli, long baseMilli, long minMilli, long maxMilli, double load) {
}
