package io.edgecoder.ledger;

import io.edgecoder.core.db.Migrator;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.ledger.impl.LedgerSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Test helpers: fresh migrated databases and awaiting futures from the test thread. */
public final class LedgerTesting {
    private LedgerTesting() {
    }

    /** URI of a new database with the ledger's production migrations applied. */
    public static String migratedDatabase(Vertx vertx) {
        String url = TestDatabase.freshDatabase();
        Pool pool = pool(vertx, url, 1);
        try {
            await(new Migrator(pool).migrate(LedgerSchema.COMPONENT, LedgerSchema.MIGRATIONS));
        } finally {
            await(pool.close());
        }
        return url;
    }

    public static Pool pool(Vertx vertx, String url, int size) {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(size))
            .connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    }

    /** Waits for a future from a non-event-loop thread; its failure is rethrown as is. */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The failure of a future that must fail. */
    public static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected the future to fail, it succeeded");
    }

    /** Polls {@code condition} until it holds, failing after {@code seconds}. */
    public static void eventually(java.util.function.BooleanSupplier condition, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * Runs SQL on the pool's database as a superuser with triggers off, as an attacker with
     * database access would (the pool's own role is no superuser and cannot).
     */
    public static void tamper(Pool pool, String sql) {
        String database = await(pool.query("SELECT current_database()").execute()).iterator().next().getString(0);
        TestDatabase.asSuperuserWithoutTriggers(database, sql);
    }
}
