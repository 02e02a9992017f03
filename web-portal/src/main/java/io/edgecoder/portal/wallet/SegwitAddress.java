package io.edgecoder.portal.wallet;

import java.util.HexFormat;

/**
 * A native segwit Bitcoin address (BIP-173, BIP-350): witness version 0 with a bech32 checksum
 * and a 20- or 32-byte program, or version 1..16 with a bech32m checksum and a 2..40-byte program,
 * on the network the deployment is configured for. Only these are accepted as payout addresses
 * (no legacy base58 addresses). {@link #parse} says precisely what is wrong with a bad one.
 *
 * @param address the address in lower case (its canonical form)
 */
public record SegwitAddress(String address, BitcoinNetwork network, int version, byte[] program) {
    private static final int MAX_VERSION = 16;
    /** The shape of a legacy base58 address (P2PKH, P2SH, their testnet forms), which is refused with its own message. */
    private static final java.util.regex.Pattern BASE58 = java.util.regex.Pattern.compile("[123mn][1-9A-HJ-NP-Za-km-z]{25,34}");

    /** Parses {@code text} as an address of {@code network}; fails with a message safe to show. */
    public static SegwitAddress parse(String text, BitcoinNetwork network) {
        if (text != null && BASE58.matcher(text).matches()) {
            throw invalid("a legacy (base58) address; only native segwit addresses (prefix '" + network.hrp() + "1') are accepted");
        }
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        checkNetwork(decoded.hrp(), network);
        if (decoded.values().length == 0) {
            throw invalid("no witness version and program (empty data part)");
        }
        int version = decoded.values()[0];
        checkEncoding(version, decoded.encoding());
        byte[] program = program(decoded.values());
        checkProgram(version, program.length);
        return new SegwitAddress(text.toLowerCase(java.util.Locale.ROOT), network, version, program);
    }

    private static void checkNetwork(String hrp, BitcoinNetwork network) {
        if (hrp.equals(network.hrp())) {
            return;
        }
        BitcoinNetwork other = BitcoinNetwork.ofHrp(hrp);
        throw invalid(other == null ? "prefix '" + hrp + "' is not a bitcoin network's (this deployment pays on "
            + network.name().toLowerCase(java.util.Locale.ROOT) + ", prefix '" + network.hrp() + "')"
            : "a " + other.name().toLowerCase(java.util.Locale.ROOT) + " address (prefix '" + hrp + "'), but this deployment pays on "
            + network.name().toLowerCase(java.util.Locale.ROOT) + " (prefix '" + network.hrp() + "')");
    }

    private static void checkEncoding(int version, Bech32.Encoding encoding) {
        if (version > MAX_VERSION) {
            throw invalid("witness version " + version + " does not exist (0..16)");
        }
        if (version == 0 && encoding != Bech32.Encoding.BECH32) {
            throw invalid("witness version 0 needs a bech32 checksum (BIP-173), this one is bech32m");
        }
        if (version > 0 && encoding != Bech32.Encoding.BECH32M) {
            throw invalid("witness version " + version + " needs a bech32m checksum (BIP-350), this one is bech32");
        }
    }

    private static byte[] program(byte[] values) {
        try {
            return Bech32.convertBits(java.util.Arrays.copyOfRange(values, 1, values.length), 5, 8, false);
        } catch (IllegalArgumentException e) {
            throw invalid("the witness program has " + e.getMessage());
        }
    }

    private static void checkProgram(int version, int length) {
        if (length < 2 || length > 40) {
            throw invalid("witness program of " + length + " bytes (2..40)");
        }
        if (version == 0 && length != 20 && length != 32) {
            throw invalid("witness version 0 program of " + length + " bytes (20 or 32, per BIP-141)");
        }
    }

    /** The output script this address pays to, in hex: version opcode, push of the program. */
    public String scriptPubKeyHex() {
        int opcode = version == 0 ? 0 : 0x50 + version;
        return HexFormat.of().formatHex(new byte[] {(byte) opcode, (byte) program.length}) + HexFormat.of().formatHex(program);
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("address: not a valid bitcoin address: " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegwitAddress other && other.address.equals(address) && other.network == network;
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    @Override
    public String toString() {
        return address;
    }
}
