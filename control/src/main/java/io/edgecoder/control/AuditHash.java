package io.edgecoder.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of one audit entry: SHA-256 (hex) over the previous entry's hash and this entry's
 * fields, each written as its length and its text (null as {@code -}), so no two different
 * entries hash alike. Times are at millisecond precision, as stored.
 */
public final class AuditHash {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    public static String of(String prevHash, long seq, Instant at, String actor, String action, String subject, String detail) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {prevHash, Long.toString(seq), at.toString(), actor, action, subject, detail}) {
            text.append(field == null ? "-" : field.length() + ":" + field).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String of(String prevHash, AuditEntry e) {
        return of(prevHash, e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.detail());
    }
}
