package io.edgecoder.portal.wallet;

import java.util.Locale;

/**
 * Where a person wants their earnings paid out: a native segwit Bitcoin address of the
 * deployment's network, or a Lightning address. Only recorded: nothing here moves money (credits
 * stay in the ledger account until a payout process, outside this code, reads the destination).
 *
 * @param kind {@link #BITCOIN} or {@link #LIGHTNING}
 * @param address the canonical (lower-case) address
 */
public record PayoutDestination(String kind, String address) {
    public static final String BITCOIN = "bitcoin";
    public static final String LIGHTNING = "lightning";

    /**
     * Checks {@code address} as a destination of {@code kind} (null: guessed from the shape: an
     * {@code @} makes it Lightning); fails with a message naming the field, safe to show.
     */
    public static PayoutDestination parse(String kind, String address, BitcoinNetwork network) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("address: required");
        }
        String k = kind == null ? (address.contains("@") ? LIGHTNING : BITCOIN) : kind.strip().toLowerCase(Locale.ROOT);
        return switch (k) {
            case BITCOIN -> new PayoutDestination(BITCOIN, SegwitAddress.parse(address.strip(), network).address());
            case LIGHTNING -> new PayoutDestination(LIGHTNING, LightningAddress.parse(address).address());
            default -> throw new IllegalArgumentException("kind: must be bitcoin or lightning");
        };
    }

    /** The address shortened for notices and audit lines: its start and end. */
    public String shortForm() {
        return address.length() <= 20 ? address : address.substring(0, 10) + "…" + address.substring(address.length() - 6);
    }
}
