package io.edgecoder.control.app;

import io.edgecoder.control.impl.PgAuditLog;
import io.edgecoder.core.db.DbUrls;
import io.edgecoder.core.message.AuditVerifyReply;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Checks the control plane's audit chain in a database, off-line from any node (used by
 * {@code edgecoder control audit verify}). Prints {@code ok: N audit entries verified (head H)} or
 * {@code FAILED at entry S: what is wrong}. Exit status: 0 verified, 1 the chain is broken (tampering
 * starts at the entry named), 2 the database could not be read (no audit there, unreachable).
 */
public final class AuditTool {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;

    private AuditTool() {
    }

    public static int verify(String dbUrl, PrintStream out, PrintStream err) {
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(dbUrl))
            .using(vertx).build();
        try {
            AuditVerifyReply reply = new PgAuditLog(pool).verify().toCompletionStage().toCompletableFuture().get(1, TimeUnit.HOURS);
            if (reply.ok()) {
                out.println("ok: " + reply.entries() + " audit entries verified (head " + reply.headHash() + ")");
                return OK;
            }
            out.println("FAILED at entry " + reply.firstBadSeq() + ": " + reply.problem() + " (" + reply.entries()
                + " entries before it verified)");
            return FAILED;
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            err.println("edgecoder: cannot read the control audit: " + DbUrls.redact(String.valueOf(cause.getMessage())));
            return ERROR;
        } finally {
            pool.close().compose(v -> vertx.close());
        }
    }
}
