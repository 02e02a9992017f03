package io.edgecoder.core.message;

import java.util.List;

/**
 * The ledger's prices of model calls, as a routing node needs them to admit calls against an allowance with the same
 * numbers the ledger escrows them at (docs/inference.md, "Settlement"): a model's class from the size of its weights,
 * the most a call may cost from its prompt's characters and its bound on generated tokens.
 *
 * @param smallMaxBytes weights up to this size are {@code small}
 * @param mediumMaxBytes up to this size {@code medium}; larger ones {@code large}
 * @param unknownClass the class of a model of unknown size (0 bytes)
 * @param prices one per class
 */
public record ModelPrices(long smallMaxBytes, long mediumMaxBytes, String unknownClass, List<ModelPrice> prices) {
    /** Tokens counted per message on top of its text (the ledger's {@code InferencePricing.TOKENS_PER_MESSAGE}). */
    public static final int TOKENS_PER_MESSAGE = 8;

    public ModelPrices {
        prices = prices == null ? List.of() : List.copyOf(prices);
    }

    /** Milli-credits per 1,000 prompt and generated tokens of one model class. */
    public record ModelPrice(String modelClass, long promptMilli, long completionMilli) {
    }

    public String classOf(long sizeBytes) {
        if (sizeBytes <= 0) {
            return unknownClass;
        }
        return sizeBytes <= smallMaxBytes ? "small" : sizeBytes <= mediumMaxBytes ? "medium" : "large";
    }

    /**
     * The most a call may cost, exactly as the ledger escrows it: the prompt bounded by one token per 2 characters plus
     * {@value #TOKENS_PER_MESSAGE} per message, the answer by {@code maxTokens};
     * {@code max(1, round_half_up((prompt × promptMilli + answer × completionMilli) / 1000))}. Fails when the class has
     * no price.
     */
    public long mostCost(long sizeBytes, long promptChars, int messages, int maxTokens) {
        return mostCost(classOf(sizeBytes), promptChars, messages, maxTokens);
    }

    /** As {@link #mostCost(long, long, int, int)} for a model of class {@code c} (an operator's pinned class). */
    public long mostCost(String c, long promptChars, int messages, int maxTokens) {
        ModelPrice price = prices.stream().filter(p -> p.modelClass().equals(c)).findFirst()
            .orElseThrow(() -> new IllegalStateException("no price for model class " + c));
        long prompt = (promptChars + 1) / 2 + (long) TOKENS_PER_MESSAGE * messages;
        long sum = Math.addExact(Math.multiplyExact(prompt, price.promptMilli()), Math.multiplyExact((long) maxTokens,
            price.completionMilli()));
        return Math.max(1, Math.addExact(sum, 500) / 1000);
    }
}
