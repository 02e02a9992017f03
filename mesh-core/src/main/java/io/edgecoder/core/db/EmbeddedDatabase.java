package io.edgecoder.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server started from the bundled Linux binaries, keeping its data in a
 * directory of the node (so it survives restarts). Used when no database URL is configured,
 * so one command runs the whole system on a fresh machine. Blocking: call from a worker
 * thread or before Vert.x starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the server on {@code dataDir} (created on first use) and a free loopback port. */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Connection URI of the default database. */
    public String url() {
        return url("postgres");
    }

    /** Connection URI of a database on this server. */
    public String url(String database) {
        return url(port(), database);
    }

    /** Connection URI of a database on an embedded server listening on {@code port} (perhaps another process's). */
    public static String url(int port, String database) {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database (blocking, through JDBC); used by tests for isolation. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        try (var conn = postgres.getPostgresDatabase().getConnection(); var st = conn.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            return url(name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
