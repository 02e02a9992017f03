package io.edgecoder.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The node's admin API token: created once in {@code <data-dir>/admin.token}, mode 0600. */
final class AdminToken {
    private AdminToken() {
    }

    static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String token = Files.readString(file).trim();
            if (token.length() < 32) {
                throw new IOException(file + " holds a token shorter than 32 characters; delete it to create a new one");
            }
            return token;
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n");
        return token;
    }
}
