package io.edgecoder.portal.wallet;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * The bech32 (BIP-173) and bech32m (BIP-350) string formats: a human-readable part, the
 * separator {@code 1}, and 5-bit values in a 32-character alphabet ending with a 6-value BCH
 * checksum. The two differ only in the constant the checksum is compared with. Decoding checks
 * length, case, characters and the checksum, and says which of the two formats matched; what the
 * values mean (a segwit address) is {@link SegwitAddress}.
 */
public final class Bech32 {
    /** Longest string BIP-173 allows. */
    public static final int MAX_LENGTH = 90;
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int CHECKSUM_LENGTH = 6;

    /** Which checksum constant a string carries. */
    public enum Encoding {
        BECH32(1), BECH32M(0x2bc830a3);

        private final int constant;

        Encoding(int constant) {
            this.constant = constant;
        }
    }

    /** A decoded string: its human-readable part (lower case), its 5-bit values without the checksum, its format. */
    public record Decoded(String hrp, byte[] values, Encoding encoding) {
    }

    private Bech32() {
    }

    /** Decodes {@code text}; fails with a message that says what is wrong. */
    public static Decoded decode(String text) {
        checkShape(text);
        String lower = text.toLowerCase(Locale.ROOT);
        int separator = lower.lastIndexOf('1');
        if (separator < 1 || separator + CHECKSUM_LENGTH + 1 > lower.length()) {
            throw new IllegalArgumentException(separator < 1 ? "no human-readable part before the separator '1'"
                : "too short: fewer than 6 checksum characters after the separator '1'");
        }
        String hrp = lower.substring(0, separator);
        byte[] values = values(lower.substring(separator + 1));
        Encoding encoding = verify(hrp, values);
        byte[] data = java.util.Arrays.copyOf(values, values.length - CHECKSUM_LENGTH);
        return new Decoded(hrp, data, encoding);
    }

    private static void checkShape(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("character " + (i + 1) + " is not printable ASCII");
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new IllegalArgumentException("mixes upper and lower case");
        }
    }

    private static byte[] values(String data) {
        byte[] out = new byte[data.length()];
        for (int i = 0; i < data.length(); i++) {
            int v = CHARSET.indexOf(data.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character '" + data.charAt(i) + "' is not in the bech32 alphabet");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static Encoding verify(String hrp, byte[] values) {
        int check = polymod(hrp, values);
        for (Encoding e : Encoding.values()) {
            if (check == e.constant) {
                return e;
            }
        }
        throw new IllegalArgumentException("checksum does not match (a character is wrong or missing)");
    }

    /** Encodes 5-bit {@code values} under {@code hrp} with the checksum of {@code encoding}. */
    public static String encode(String hrp, byte[] values, Encoding encoding) {
        String lowerHrp = hrp.toLowerCase(Locale.ROOT);
        byte[] padded = java.util.Arrays.copyOf(values, values.length + CHECKSUM_LENGTH);
        int mod = polymod(lowerHrp, padded) ^ encoding.constant;
        StringBuilder out = new StringBuilder(lowerHrp).append('1');
        for (byte v : values) {
            out.append(CHARSET.charAt(v));
        }
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            out.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
        }
        return out.toString();
    }

    /** The BCH checksum state over the expanded hrp and the values. */
    private static int polymod(String hrp, byte[] values) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (byte v : values) {
            chk = step(chk, v);
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        int next = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < GENERATOR.length; i++) {
            if (((top >>> i) & 1) != 0) {
                next ^= GENERATOR[i];
            }
        }
        return next;
    }

    /**
     * Regroups bits: {@code from}-bit values into {@code to}-bit values. With {@code pad}, the last
     * group is padded with zeros; without, leftover bits must be fewer than {@code from} and zero.
     */
    static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int max = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : in) {
            int value = b & 0xff;
            if ((value >>> from) != 0) {
                throw new IllegalArgumentException("value out of range");
            }
            acc = (acc << from) | value;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & max);
            }
        }
        if (pad && bits > 0) {
            out.write((acc << (to - bits)) & max);
        } else if (!pad && (bits >= from || ((acc << (to - bits)) & max) != 0)) {
            throw new IllegalArgumentException(bits >= from ? "more than 4 bits of padding" : "non-zero padding");
        }
        return out.toByteArray();
    }
}
