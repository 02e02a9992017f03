package io.edgecoder.core.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a running embedded server to EdgeCoder's access rules, at every start (each step is
 * idempotent): the superuser's and the application role's passwords as in their files (sent
 * as SCRAM verifiers computed here, so no password travels in an SQL statement), the
 * application role without superuser rights owning the default database and everything in its
 * {@code public} schema, and EdgeCoder's {@code pg_hba.conf}. When the old file trusted anyone,
 * the new rules are reloaded and checked: a connection without a password must be refused.
 */
final class PgSecurity {
    private static final Logger LOG = LoggerFactory.getLogger(PgSecurity.class);
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);
    private static final String ROLE_OPTIONS = " LOGIN NOSUPERUSER NOCREATEROLE CREATEDB NOREPLICATION NOBYPASSRLS";
    /** Hands every relation, sequence and function of schema public (owned by others) to the application role. */
    private static final String TAKE_OWNERSHIP = """
        DO $$
        DECLARE r record;
        BEGIN
          FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                   JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                     AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = '%1$s') LOOP
            EXECUTE format('ALTER %%s %%s OWNER TO %1$s',
              CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                             WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.name);
          END LOOP;
          FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
                   JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind = 'S'
                     AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = '%1$s') LOOP
            EXECUTE format('ALTER SEQUENCE %%s OWNER TO %1$s', r.name);
          END LOOP;
          FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                   JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = 'public'
                     AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = '%1$s') LOOP
            EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', r.name);
          END LOOP;
        END $$""".formatted(EmbeddedDatabase.APP_ROLE);

    private final java.nio.file.Path dataDir;
    private final int port;
    private final PgCredentials credentials;

    PgSecurity(java.nio.file.Path dataDir, int port, PgCredentials credentials) {
        this.dataDir = dataDir;
        this.port = port;
        this.credentials = credentials;
    }

    void apply(DataSource superuser) throws IOException {
        try (Connection conn = superuser.getConnection(); Statement st = conn.createStatement()) {
            PGConnection pg = conn.unwrap(PGConnection.class);
            pg.alterUserPassword(EmbeddedDatabase.SUPERUSER, credentials.superuserPassword().toCharArray(), "scram-sha-256");
            ensureAppRole(st);
            pg.alterUserPassword(EmbeddedDatabase.APP_ROLE, credentials.appPassword().toCharArray(), "scram-sha-256");
            st.execute("ALTER DATABASE " + EmbeddedDatabase.DEFAULT_DATABASE + " OWNER TO " + EmbeddedDatabase.APP_ROLE);
            st.execute("ALTER SCHEMA public OWNER TO " + EmbeddedDatabase.APP_ROLE);
            st.execute(TAKE_OWNERSHIP);
            rewriteHba(st);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot secure the embedded database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void ensureAppRole(Statement st) throws SQLException {
        boolean exists;
        try (var rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + EmbeddedDatabase.APP_ROLE + "'")) {
            exists = rs.next();
        }
        st.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + EmbeddedDatabase.APP_ROLE + ROLE_OPTIONS);
        if (!exists) {
            LOG.info("created the database role '{}' (no superuser) for the node's connections", EmbeddedDatabase.APP_ROLE);
        }
    }

    private void rewriteHba(Statement st) throws SQLException, IOException {
        if (PgHba.isCurrent(dataDir)) {
            return;
        }
        List<String> trust = PgHba.trustLines(dataDir);
        PgHba.write(dataDir);
        st.execute("SELECT pg_reload_conf()");
        if (!trust.isEmpty()) {
            LOG.info("replaced {} trust line(s) of {} with password (scram-sha-256) rules", trust.size(), dataDir.resolve(PgHba.FILE));
            awaitPasswordRequired();
        }
    }

    /** The reload is asynchronous: wait (with a deadline) until a connection without a password is refused. */
    private void awaitPasswordRequired() {
        long end = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (acceptsWithoutPassword()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the embedded database in " + dataDir
                    + " still accepts connections without a password after reloading pg_hba.conf");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private boolean acceptsWithoutPassword() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(EmbeddedDatabase.DEFAULT_DATABASE);
        ds.setUser(EmbeddedDatabase.SUPERUSER);
        try (Connection ignored = ds.getConnection()) {
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }
}
