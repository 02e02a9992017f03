package io.edgecoder.core.testing;

import io.edgecoder.core.db.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM, started on first use and stopped at JVM exit, when its
 * data directory (tens to hundreds of MiB) is removed too. Each caller of
 * {@link #freshDatabase()} gets a new, empty database on it, so tests never see each other's
 * data.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestDatabase() {
    }

    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("edgecoder-test-pg");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server = EmbeddedDatabase.start(dir);
            EmbeddedDatabase started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndRemove(started, dir)));
        }
        return server;
    }

    private static void stopAndRemove(EmbeddedDatabase db, Path dir) {
        try {
            db.close();
        } finally {
            TempFiles.deleteTree(dir);
        }
    }

    /** URI of a new empty database. */
    public static String freshDatabase() {
        return server().createDatabase("t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
    }
}
