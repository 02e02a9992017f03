package io.edgecoder.portal.wallet;

import java.util.Locale;

/** The Bitcoin network payout addresses must belong to, by the human-readable part of their segwit addresses. */
public enum BitcoinNetwork {
    MAINNET("bc"), TESTNET("tb"), REGTEST("bcrt");

    private final String hrp;

    BitcoinNetwork(String hrp) {
        this.hrp = hrp;
    }

    /** The human-readable part of this network's segwit addresses. */
    public String hrp() {
        return hrp;
    }

    /** The network named {@code name} (mainnet, testnet, regtest, or the prefix bc, tb, bcrt), case-insensitive. */
    public static BitcoinNetwork of(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (BitcoinNetwork network : values()) {
            if (network.name().toLowerCase(Locale.ROOT).equals(n) || network.hrp.equals(n)) {
                return network;
            }
        }
        throw new IllegalArgumentException("unknown bitcoin network '" + name + "' (mainnet, testnet or regtest)");
    }

    /** The network whose prefix is {@code hrp}, or null. */
    static BitcoinNetwork ofHrp(String hrp) {
        for (BitcoinNetwork network : values()) {
            if (network.hrp.equals(hrp)) {
                return network;
            }
        }
        return null;
    }
}
