package io.edgecoder.core.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The two random passwords of an embedded PostgreSQL: the bootstrap superuser's (used only by
 * the node at start-up, to set the server up) and the application role's (every connection the
 * node's roles open). Each is kept in its own file of mode 0600 inside the data directory.
 * Passwords are hex, so they go into a connection URI unescaped; they are never logged.
 */
record PgCredentials(String superuserPassword, String appPassword) {
    static final String SUPERUSER_FILE = "edgecoder-superuser.password";
    static final String APP_FILE = "edgecoder-app.password";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String toString() {
        return "PgCredentials[hidden]";
    }

    /** New random passwords (32 random bytes each). */
    static PgCredentials random() {
        return new PgCredentials(randomPassword(), randomPassword());
    }

    /** The passwords kept in {@code dataDir}, if its superuser password file exists. */
    static Optional<PgCredentials> load(Path dataDir) {
        Optional<String> superuser = read(dataDir.resolve(SUPERUSER_FILE));
        if (superuser.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PgCredentials(superuser.get(), read(dataDir.resolve(APP_FILE)).orElseGet(PgCredentials::randomPassword)));
    }

    /** The application role's password of a data directory set up by {@link EmbeddedDatabase}. */
    static String appPassword(Path dataDir) {
        return read(dataDir.resolve(APP_FILE)).orElseThrow(() -> new IllegalStateException(
            "no database password file " + dataDir.resolve(APP_FILE) + " (start the node once to create it)"));
    }

    /** Writes both files (mode 0600, replaced atomically). */
    void save(Path dataDir) {
        write(dataDir.resolve(SUPERUSER_FILE), superuserPassword);
        write(dataDir.resolve(APP_FILE), appPassword);
    }

    static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!text.matches("[0-9a-f]{32,128}")) {
                throw new IllegalStateException("database password file " + file + " is damaged (expected hex)");
            }
            return Optional.of(text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read database password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} to {@code file} with mode 0600 from the moment it exists, then moves it in place. */
    static void write(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write database password file " + file + ": " + e.getMessage(), e);
        }
    }
}
