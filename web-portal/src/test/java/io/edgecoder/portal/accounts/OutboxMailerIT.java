package io.edgecoder.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.testing.TempFiles;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without SMTP, mail lands in one file only the node's user can read. */
class OutboxMailerIT {
    private final Vertx vertx = Vertx.vertx();
    private final Path dir = TempFiles.directoryRemovedAtExit("outbox");

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(20, TimeUnit.SECONDS);
        TempFiles.deleteTree(dir);
    }

    @Test
    void mailIsAppendedToAFileOfMode0600() throws Exception {
        OutboxMailer mailer = new OutboxMailer(vertx, dir.resolve("mail-outbox"), Clock.systemUTC());

        mailer.send("ann@example.org", "first", "link one").await(20, TimeUnit.SECONDS);
        mailer.send("bob@example.org", "second", "link two").await(20, TimeUnit.SECONDS);

        Path file = dir.resolve("mail-outbox");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("To: ann@example.org", "Subject: first", "link one", "To: bob@example.org", "link two");
    }
}
