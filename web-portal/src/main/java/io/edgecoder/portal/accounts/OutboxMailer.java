package io.edgecoder.portal.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

/**
 * Mail for a node without SMTP (the one-command run): each message is appended to one file in the
 * data directory, created with mode 0600 so only the node's user can read the links in it. The log
 * says a message was written and where, never its content.
 */
public final class OutboxMailer implements Mailer {
    private final Vertx vertx;
    private final Path file;
    private final Clock clock;

    public OutboxMailer(Vertx vertx, Path file, Clock clock) {
        this.vertx = vertx;
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    @Override
    public Future<Void> send(String to, String subject, String body) {
        String message = "From: EdgeCoder\nTo: " + to + "\nDate: " + clock.instant() + "\nSubject: " + subject + "\n\n" + body
            + "\n----------------------------------------------------------------\n";
        return vertx.executeBlocking(() -> {
            append(message);
            return null;
        }, true);
    }

    private void append(String message) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, message, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
