package io.edgecoder.core.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum recorded for an applied migration: SHA-256 of its text with line endings
 * normalised to LF, so a checkout with CRLF line endings does not count as a change.
 */
public final class MigrationChecksum {
    private MigrationChecksum() {
    }

    public static String of(String script) {
        try {
            byte[] text = script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
