package io.edgecoder.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from the bundled Linux binaries, keeping its data in a
 * directory of the node (so it survives restarts). Used when no database URL is configured,
 * so one command runs the whole system on a fresh machine. It listens on loopback TCP only
 * (no Unix socket) and every connection needs a password (scram-sha-256): the superuser's is
 * used only here, to set the server up; the node connects as {@value #APP_ROLE}, a role that
 * owns the EdgeCoder databases but is no superuser (so it cannot run programs or read files
 * on the server). Both passwords are random, kept in files of mode 0600 in the data directory.
 * A data directory of an earlier release (no password, {@code trust}) is upgraded in place; a
 * server left running by a node that was killed is stopped first. Blocking: call from a
 * worker thread or before Vert.x starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The role the node's connections use; it owns the EdgeCoder databases. */
    public static final String APP_ROLE = "edgecoder";
    static final String SUPERUSER = "postgres";
    static final String DEFAULT_DATABASE = "postgres";
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final PgCredentials credentials;
    private final Thread stopAtExit;
    private boolean closed;

    /**
     * zonky's own shutdown hook is off: it ran beside its owner's (a node's, a test JVM's that then removes the directory),
     * and two {@code pg_ctl stop} on one directory raced, which could leave the server running without its directory.
     * This one hook and every owner go through {@link #close}, which stops the server once.
     */
    private EmbeddedDatabase(EmbeddedPostgres postgres, PgCredentials credentials) {
        this.postgres = postgres;
        this.credentials = credentials;
        this.stopAtExit = new Thread(this::closeAtExit, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts the server on {@code dataDir} (created on first use) and a free loopback port. */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            createPrivateDirectory(dataDir);
            new LeftoverPostmaster(dataDir, LEFTOVER_STOP_WAIT).clear();
            return startSecured(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedDatabase startSecured(Path dataDir) throws IOException {
        Path pending = pendingPasswordFile(dataDir);
        if (!Files.exists(dataDir.resolve("postgresql.conf"))) {
            return startNew(dataDir, pending);
        }
        Optional<PgCredentials> saved = PgCredentials.load(dataDir)
            .or(() -> PgCredentials.read(pending).map(p -> new PgCredentials(p, PgCredentials.randomPassword())));
        if (saved.isPresent()) {
            return finish(dataDir, builder(dataDir).setConnectConfig("password", saved.get().superuserPassword()).start(), saved.get());
        }
        if (PgHba.trustLines(dataDir).isEmpty()) {
            throw new IllegalStateException("the embedded database in " + dataDir + " requires passwords but its password file "
                + dataDir.resolve(PgCredentials.SUPERUSER_FILE) + " is missing (restore it, or move the directory away to start afresh)");
        }
        LOG.warn("upgrading the embedded database in {}: it was created by an earlier release that let any local user"
            + " connect without a password (trust); setting random passwords (scram-sha-256) and rewriting pg_hba.conf", dataDir);
        PgCredentials fresh = PgCredentials.random();
        EmbeddedDatabase db = finish(dataDir, builder(dataDir).start(), fresh);
        LOG.info("the embedded database in {} now requires passwords; no trust line is left in pg_hba.conf", dataDir);
        return db;
    }

    /** initdb with scram-sha-256 and the superuser's password from the start: the server never trusts anyone. */
    private static EmbeddedDatabase startNew(Path dataDir, Path pending) throws IOException {
        PgCredentials fresh = PgCredentials.random();
        PgCredentials.write(pending, fresh.superuserPassword());
        EmbeddedPostgres pg = builder(dataDir)
            .setLocaleConfig("auth", "scram-sha-256")
            .setLocaleConfig("pwfile", pending.toString())
            .setConnectConfig("password", fresh.superuserPassword())
            .start();
        return finish(dataDir, pg, fresh);
    }

    private static EmbeddedDatabase finish(Path dataDir, EmbeddedPostgres pg, PgCredentials credentials) throws IOException {
        EmbeddedDatabase db = new EmbeddedDatabase(pg, credentials);
        try {
            credentials.save(dataDir);
            Files.deleteIfExists(pendingPasswordFile(dataDir));
            new PgSecurity(dataDir, pg.getPort(), credentials).apply(db.superuserDataSource());
            return db;
        } catch (RuntimeException | IOException e) {
            db.close();
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir) {
        return EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setRegisterShutdownHook(false)
            .setServerConfig("max_connections", "200")
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("unix_socket_directories", "''")
            .setServerConfig("password_encryption", "scram-sha-256");
    }

    /** The superuser's password for initdb, beside the data directory (initdb wants that directory empty). */
    private static Path pendingPasswordFile(Path dataDir) {
        Path abs = dataDir.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".superuser-password.pending");
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Connection URI of the default database, as the application role (carries its password). */
    public String url() {
        return url(DEFAULT_DATABASE);
    }

    /** Connection URI of a database on this server, as the application role (carries its password). */
    public String url(String database) {
        return url(port(), database, credentials.appPassword());
    }

    /** Connection URI of a database on this server as the superuser; for tests that play an attacker. */
    public String superuserUrl(String database) {
        return "postgresql://" + SUPERUSER + ":" + credentials.superuserPassword() + "@127.0.0.1:" + port() + "/" + database;
    }

    /**
     * Connection URI of the default database of an embedded server that another process runs on
     * {@code dataDir} and {@code port}, with the application role's password read from the directory.
     */
    public static String runningUrl(Path dataDir, int port) {
        return url(port, DEFAULT_DATABASE, PgCredentials.appPassword(dataDir));
    }

    private static String url(int port, String database, String password) {
        return "postgresql://" + APP_ROLE + ":" + password + "@127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database owned by the application role (blocking, through JDBC); used by tests for isolation. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        try (var conn = superuserDataSource().getConnection(); var st = conn.createStatement()) {
            st.execute("CREATE DATABASE " + name + " OWNER " + APP_ROLE);
            return url(name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    private DataSource superuserDataSource() {
        return superuserDataSource(DEFAULT_DATABASE);
    }

    /** JDBC access to a database as the superuser; for set-up and for tests that play an attacker. */
    public DataSource superuserDataSource(String database) {
        return postgres.getDatabase(SUPERUSER, database, Map.of("password", credentials.superuserPassword()));
    }

    /** Stops the server (waiting for it to stop); again is a no-op. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is running or about to, and finds this closed
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void closeAtExit() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warn("embedded PostgreSQL did not stop at exit: {}", e.getMessage());
        }
    }
}
