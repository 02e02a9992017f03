package io.edgecoder.ledger.inference;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Prices of model calls: a model's class is decided from the size of its weights as its serving node advertises it
 * ({@code ModelInfo.sizeBytes}); each class has a price per 1,000 prompt tokens and per 1,000 generated tokens, in
 * milli-credits. A call is charged {@code max(1, round_half_up((prompt × promptPrice + completion × completionPrice) / 1000))},
 * never more than was escrowed for it. The escrow is the same formula over an upper estimate of the prompt
 * ({@link #promptBound}) and the call's {@code maxTokens} (or {@code defaultMaxTokens}). docs/inference.md, "Settlement".
 *
 * @param smallMaxBytes weights up to this size are {@code small}
 * @param mediumMaxBytes up to this size {@code medium}; larger ones {@code large}
 * @param unknownClass the class of a model whose size is not known (0)
 * @param prices per class
 * @param defaultMaxTokens generated tokens escrowed for a call without {@code maxTokens}
 */
public record InferencePricing(long smallMaxBytes, long mediumMaxBytes, ModelClass unknownClass,
                               Map<ModelClass, Price> prices, int defaultMaxTokens) {
    private static final long GIB = 1024L * 1024 * 1024;
    /** Defaults: small up to 3 GiB (about 4B parameters at 4 bits), medium up to 12 GiB (about 20B), then large. */
    public static final InferencePricing DEFAULT = new InferencePricing(3 * GIB, 12 * GIB, ModelClass.MEDIUM, Map.of(
        ModelClass.SMALL, new Price(200, 1_000),
        ModelClass.MEDIUM, new Price(500, 2_500),
        ModelClass.LARGE, new Price(1_500, 7_500)), 1024);
    /** Tokens charged per message on top of its text (role markers and separators of chat templates). */
    static final int TOKENS_PER_MESSAGE = 8;

    /** A model class; stored and shown as its lower-case name. */
    public enum ModelClass {
        SMALL, MEDIUM, LARGE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static ModelClass parse(String id) {
            for (ModelClass c : values()) {
                if (c.id().equals(id)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("model class must be small, medium or large, got '" + id + "'");
        }
    }

    /** Milli-credits per 1,000 tokens. */
    public record Price(long promptMilli, long completionMilli) {
        public Price {
            if (promptMilli < 0 || completionMilli < 1 || promptMilli > 1_000_000_000 || completionMilli > 1_000_000_000) {
                throw new IllegalArgumentException("prices per 1000 tokens must be 0..1e9 (prompt) and 1..1e9 (completion)");
            }
        }

        /** {@code max(1, round_half_up((prompt × promptMilli + completion × completionMilli) / 1000))}. */
        public long cost(long promptTokens, long completionTokens) {
            if (promptTokens < 0 || completionTokens < 0) {
                throw new IllegalArgumentException("token counts must be >= 0");
            }
            long sum = Math.addExact(Math.multiplyExact(promptTokens, promptMilli), Math.multiplyExact(completionTokens, completionMilli));
            return Math.max(1, Math.addExact(sum, 500) / 1000);
        }
    }

    public InferencePricing {
        Objects.requireNonNull(unknownClass, "unknownClass");
        prices = Map.copyOf(prices);
        for (ModelClass c : ModelClass.values()) {
            if (!prices.containsKey(c)) {
                throw new IllegalArgumentException("no price for model class " + c.id());
            }
        }
        if (smallMaxBytes < 1 || mediumMaxBytes < smallMaxBytes) {
            throw new IllegalArgumentException("class bounds must be 1 <= small <= medium bytes");
        }
        if (defaultMaxTokens < 1 || defaultMaxTokens > 1_048_576) {
            throw new IllegalArgumentException("default max tokens must be 1..1048576");
        }
    }

    public ModelClass classOf(long sizeBytes) {
        if (sizeBytes <= 0) {
            return unknownClass;
        }
        return sizeBytes <= smallMaxBytes ? ModelClass.SMALL : sizeBytes <= mediumMaxBytes ? ModelClass.MEDIUM : ModelClass.LARGE;
    }

    public Price price(ModelClass modelClass) {
        return prices.get(modelClass);
    }

    /**
     * An upper estimate of a prompt's tokens from its characters: one token per 2 characters (tokenizers of code
     * and English average 3 to 4; 2 leaves room for dense text) plus {@value #TOKENS_PER_MESSAGE} per message.
     */
    public static long promptBound(long promptChars, int messages) {
        return (promptChars + 1) / 2 + (long) TOKENS_PER_MESSAGE * messages;
    }

    /** An estimate of tokens from characters when a provider counted none: one token per 4 characters, rounded up. */
    public static long estimate(long chars) {
        return (chars + 3) / 4;
    }

    /** These prices as the contract carries them to routing nodes ({@code InferenceAllowanceReply.prices}). */
    public io.edgecoder.core.message.ModelPrices wire() {
        java.util.List<io.edgecoder.core.message.ModelPrices.ModelPrice> list = new java.util.ArrayList<>();
        for (ModelClass c : ModelClass.values()) {
            list.add(new io.edgecoder.core.message.ModelPrices.ModelPrice(c.id(), price(c).promptMilli(), price(c).completionMilli()));
        }
        return new io.edgecoder.core.message.ModelPrices(smallMaxBytes, mediumMaxBytes, unknownClass.id(), list);
    }

    /** The escrow of a call: the most it may cost. */
    public long escrow(Price price, long promptChars, int messages, Integer maxTokens) {
        return price.cost(promptBound(promptChars, messages), maxTokens == null ? defaultMaxTokens : maxTokens);
    }
}
