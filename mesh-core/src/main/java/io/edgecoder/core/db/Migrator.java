package io.edgecoder.core.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Applies versioned schema migrations at start-up. Each component (coordinator, ledger, ...)
 * owns an ordered list of SQL resources; version n is the n-th entry. Applied versions are
 * recorded in {@code edgecoder_schema}; every migration runs in its own transaction under a
 * PostgreSQL advisory lock, so several nodes starting at once apply each version exactly once.
 */
public final class Migrator {
    private static final long LOCK_KEY = 0x6564676563L;

    private final Pool pool;

    public Migrator(Pool pool) {
        this.pool = pool;
    }

    /** Applies the missing versions of {@code component}; resources are classpath paths. */
    public Future<Integer> migrate(String component, List<String> resources) {
        return pool.query("CREATE TABLE IF NOT EXISTS edgecoder_schema (component text NOT NULL, version int NOT NULL,"
                + " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version))")
            .execute()
            .recover(e -> Future.succeededFuture()) // a concurrent creator won the race; the table exists
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
        return conn.query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute()
            .compose(v -> conn.preparedQuery("SELECT version FROM edgecoder_schema WHERE component = $1")
                .execute(Tuple.of(component)))
            .compose(rows -> {
                Set<Integer> done = StreamSupport.stream(rows.spliterator(), false)
                    .map((Row r) -> r.getInteger(0)).collect(Collectors.toSet());
                if (done.contains(version)) {
                    return Future.succeededFuture(false);
                }
                return conn.query(load(resource)).execute()
                    .compose(r -> conn.preparedQuery("INSERT INTO edgecoder_schema (component, version, name) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(component, version, resource)))
                    .map(true);
            });
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
