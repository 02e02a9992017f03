package io.edgecoder.core.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The client authentication file of an embedded PostgreSQL. EdgeCoder's own content allows
 * TCP connections from loopback only, each with a password checked by scram-sha-256; the
 * server opens no Unix socket, so there is no {@code local} line and no {@code trust} anywhere.
 */
final class PgHba {
    static final String FILE = "pg_hba.conf";
    static final String CONTENT = """
        # Written by EdgeCoder at every start of the embedded PostgreSQL; edits are replaced.
        # Loopback TCP only, every user with a password (scram-sha-256). No Unix socket, no trust.
        # TYPE  DATABASE  USER  ADDRESS       METHOD
        host    all       all   127.0.0.1/32  scram-sha-256
        """;

    private PgHba() {
    }

    /** True when the file holds EdgeCoder's content already. */
    static boolean isCurrent(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve(FILE), StandardCharsets.UTF_8).equals(CONTENT);
        } catch (IOException e) {
            return false;
        }
    }

    /** The active (non-comment) lines whose method is {@code trust}. */
    static List<String> trustLines(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve(FILE), StandardCharsets.UTF_8).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .filter(l -> List.of(l.toLowerCase(Locale.ROOT).split("\\s+")).contains("trust"))
            .toList();
    }

    /** Replaces the file with EdgeCoder's content (atomically, mode 0600). */
    static void write(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        try {
            Files.writeString(tmp, CONTENT, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
