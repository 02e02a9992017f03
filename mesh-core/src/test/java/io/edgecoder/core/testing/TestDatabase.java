package io.edgecoder.core.testing;

import io.edgecoder.core.db.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM, started on first use and stopped at JVM exit, when its
 * directory (tens to hundreds of MiB) is removed too. Each caller of {@link #freshDatabase()}
 * gets a new, empty database on it, so tests never see each other's data. The server requires passwords like a node's; {@link #superuserUrl} is for
 * tests that play an attacker with full database access.
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
            server = EmbeddedDatabase.start(dir.resolve("pg"));
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

    /**
     * URI of a new empty database, owned by the application role (no superuser) and carrying
     * its password, as the node's own connections are.
     */
    public static String freshDatabase() {
        return server().createDatabase("t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
    }

    /** The superuser's URI of the database that {@code url} (from {@link #freshDatabase}) names. */
    public static String superuserUrl(String url) {
        return server().superuserUrl(url.substring(url.lastIndexOf('/') + 1));
    }

    /**
     * Runs {@code sql} on {@code database} as the superuser with triggers and foreign keys off
     * (session_replication_role = replica), as an attacker with full database access would.
     */
    public static void asSuperuserWithoutTriggers(String database, String sql) {
        try (var conn = server().superuserDataSource(database).getConnection(); var st = conn.createStatement()) {
            st.execute("SET session_replication_role = replica");
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("tampering failed: " + e.getMessage(), e);
        }
    }
}
