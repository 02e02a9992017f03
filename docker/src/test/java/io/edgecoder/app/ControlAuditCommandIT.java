package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.control.PolicyService;
import io.edgecoder.control.impl.ControlSchema;
import io.edgecoder.control.impl.PgPolicyStore;
import io.edgecoder.core.db.Migrator;
import io.edgecoder.core.message.ModeSetRequest;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code edgecoder control audit verify}: exit 0 and the count on an untouched audit, exit 1 naming
 * the entry where an edit in the database starts, exit 2 for usage errors and unreadable databases.
 */
class ControlAuditCommandIT {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Vertx vertx;
    private Pool pool;
    private String url;

    @BeforeEach
    void threeChanges() throws Exception {
        url = TestDatabase.freshDatabase();
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
        await(new Migrator(pool).migrate(ControlSchema.COMPONENT, ControlSchema.MIGRATIONS));
        PolicyService policy = new PolicyService(new PgPolicyStore(pool), s -> { }, Clock.systemUTC());
        for (String mode : List.of("swarm", "local-only", "public")) {
            await(policy.setMode(new ModeSetRequest(null, mode, "ops", null)));
        }
    }

    @AfterEach
    void close() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void anUntouchedAuditVerifies() {
        assertThat(run("control", "audit", "verify", "--db-url", url)).isZero();
        assertThat(text(out)).startsWith("ok: 3 audit entries verified (head ");
    }

    @Test
    void anEditedEntryFailsWithExitOneNamingIt() throws Exception {
        long second = await(pool.query("SELECT seq FROM control_audit ORDER BY seq OFFSET 1 LIMIT 1").execute())
            .iterator().next().getLong(0);
        await(pool.query("UPDATE control_audit SET actor = 'mallory' WHERE seq = " + second).execute());

        assertThat(run("control", "audit", "verify", "--db-url", url)).isEqualTo(1);
        assertThat(text(out)).startsWith("FAILED at entry " + second + ": ").contains("edited", "1 entries before it verified");
    }

    @Test
    void usageErrorsAndUnreadableDatabasesExitTwo() {
        assertThat(Main.run(new String[] {"control", "audit"})).isEqualTo(2);
        assertThat(Main.run(new String[] {"control", "verify", "audit"})).isEqualTo(2);
        assertThat(run("control", "audit", "verify", "--db-url", "postgresql://edgecoder:x@127.0.0.1:1/none")).isEqualTo(2);
        assertThat(text(err)).contains("cannot read the control audit").doesNotContain(":x@");
    }

    private int run(String... args) {
        return ControlCommand.run(CommandLine.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream s) {
        return s.toString(StandardCharsets.UTF_8);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
