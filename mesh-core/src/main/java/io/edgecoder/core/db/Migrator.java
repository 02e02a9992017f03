package io.edgecoder.core.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies versioned schema migrations at start-up. Each component (coordinator, ledger, ...)
 * owns an ordered list of SQL resources; version n is the n-th entry. Applied versions are
 * recorded in {@code edgecoder_schema} with the script's name and a checksum of its text; every
 * migration runs in its own transaction under a PostgreSQL advisory lock, so several nodes
 * starting at once apply each version exactly once. An applied script must never change: if an
 * applied version's name or checksum differs from this build's, the migrator fails (the node
 * does not start) saying which script and how. Rows recorded before checksums existed get the
 * current script's checksum the first time a node of this version starts.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private static final long LOCK_KEY = 0x6564676563L;

    private final Pool pool;

    public Migrator(Pool pool) {
        this.pool = pool;
    }

    /** One applied version as recorded. */
    private record Applied(String name, String checksum) {
    }

    /** Applies the missing versions of {@code component}; resources are classpath paths. */
    public Future<Integer> migrate(String component, List<String> resources) {
        return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute()
                // "already exists, skipping" notices at every start are noise (the driver logs each as a warning)
                .compose(locked -> conn.query("SET LOCAL client_min_messages = warning").execute())
                .compose(quiet -> conn.query("CREATE TABLE IF NOT EXISTS edgecoder_schema (component text NOT NULL,"
                    + " version int NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (component, version))").execute())
                .compose(created -> conn.query("ALTER TABLE edgecoder_schema ADD COLUMN IF NOT EXISTS checksum text").execute()))
            .compose(v -> applyFrom(component, resources, 0, 0));
    }

    private Future<Integer> applyFrom(String component, List<String> resources, int index, int applied) {
        if (index == resources.size()) {
            return Future.succeededFuture(applied);
        }
        int version = index + 1;
        String resource = resources.get(index);
        return pool.withTransaction(conn -> applyOne(conn, component, version, resource))
            .compose(did -> applyFrom(component, resources, index + 1, applied + (did ? 1 : 0)));
    }

    private Future<Boolean> applyOne(SqlConnection conn, String component, int version, String resource) {
        String script = load(resource);
        String checksum = MigrationChecksum.of(script);
        return conn.query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute()
            .compose(v -> conn.preparedQuery("SELECT version, name, checksum FROM edgecoder_schema WHERE component = $1")
                .execute(Tuple.of(component)))
            .compose(rows -> {
                Map<Integer, Applied> done = new HashMap<>();
                for (Row r : rows) {
                    done.put(r.getInteger(0), new Applied(r.getString(1), r.getString(2)));
                }
                Applied before = done.get(version);
                return before == null ? apply(conn, component, version, resource, script, checksum)
                    : check(conn, component, version, resource, checksum, before);
            });
    }

    private Future<Boolean> apply(SqlConnection conn, String component, int version, String resource, String script,
                                  String checksum) {
        return conn.query(script).execute()
            .compose(r -> conn.preparedQuery("INSERT INTO edgecoder_schema (component, version, name, checksum) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(component, version, resource, checksum)))
            .map(true);
    }

    /** An applied version: the same script, unchanged; a row without a checksum gets this one's. */
    private Future<Boolean> check(SqlConnection conn, String component, int version, String resource, String checksum,
                                  Applied before) {
        if (!before.name().equals(resource)) {
            return Future.failedFuture(new MigrationException(component + " schema version " + version + " was applied from "
                + before.name() + " but this build has " + resource + " as version " + version + "; applied migrations"
                + " must keep their place and name (add new migrations at the end of the list)"));
        }
        if (before.checksum() == null) {
            LOG.info("recording the checksum of applied migration {} ({} version {})", resource, component, version);
            return conn.preparedQuery("UPDATE edgecoder_schema SET checksum = $3 WHERE component = $1 AND version = $2")
                .execute(Tuple.of(component, version, checksum)).map(false);
        }
        if (!before.checksum().equals(checksum)) {
            return Future.failedFuture(new MigrationException(component + " migration " + resource + " (version " + version
                + ") was changed after it was applied to this database (checksum applied " + before.checksum()
                + ", now " + checksum + "); restore the applied text and put the change in a new migration"));
        }
        return Future.succeededFuture(false);
    }

    private static String load(String resource) {
        try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }
}
