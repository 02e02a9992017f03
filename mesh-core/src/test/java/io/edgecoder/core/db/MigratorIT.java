package io.edgecoder.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migrator on a real PostgreSQL: applied scripts are recorded with checksums and must never change. */
class MigratorIT {
    private static final String ONE = "db/migrator-test/V001__one.sql";
    private static final String TWO = "db/migrator-test/V002__two.sql";
    private static final String OTHER = "db/migrator-test/V002__other.sql";

    private Vertx vertx;
    private Pool pool;
    private Migrator migrator;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestDatabase.freshDatabase())).using(vertx).build();
        migrator = new Migrator(pool);
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
    }

    @Test
    void appliesEachVersionOnceAndRecordsItsNameAndChecksum() throws Exception {
        assertThat(await(migrator.migrate("t", List.of(ONE)))).isEqualTo(1);
        assertThat(await(migrator.migrate("t", List.of(ONE, TWO)))).isEqualTo(1);
        assertThat(await(migrator.migrate("t", List.of(ONE, TWO)))).isZero();

        assertThat(recorded("t")).containsExactly(
            "1 " + ONE + " " + MigrationChecksum.of(text(ONE)),
            "2 " + TWO + " " + MigrationChecksum.of(text(TWO)));
    }

    @Test
    void refusesToStartOnAnAppliedScriptWhoseTextChanged() throws Exception {
        await(migrator.migrate("t", List.of(ONE)));
        await(pool.query("UPDATE edgecoder_schema SET checksum = 'sha256:0000' WHERE component = 't' AND version = 1").execute());

        assertThatThrownBy(() -> await(migrator.migrate("t", List.of(ONE, TWO))))
            .hasCauseInstanceOf(MigrationException.class)
            .hasMessageContaining("t migration " + ONE + " (version 1) was changed after it was applied")
            .hasMessageContaining("checksum applied sha256:0000, now " + MigrationChecksum.of(text(ONE)))
            .hasMessageContaining("put the change in a new migration");
        assertThat(tableExists("migrator_two")).as("nothing after the changed script is applied").isFalse();
    }

    @Test
    void refusesAVersionAppliedFromAnotherScript() throws Exception {
        await(migrator.migrate("t", List.of(ONE, TWO)));

        assertThatThrownBy(() -> await(migrator.migrate("t", List.of(ONE, OTHER))))
            .hasCauseInstanceOf(MigrationException.class)
            .hasMessageContaining("t schema version 2 was applied from " + TWO + " but this build has " + OTHER);
        assertThat(tableExists("migrator_other")).isFalse();
    }

    @Test
    void anOlderDatabaseGetsTheChecksumsOfItsAppliedScriptsAndIsCheckedFromThen() throws Exception {
        // a schema table as nodes before checksums wrote it, with version 1 applied
        await(pool.query("CREATE TABLE edgecoder_schema (component text NOT NULL, version int NOT NULL, name text NOT NULL,"
            + " applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version))").execute());
        await(pool.query(text(ONE)).execute());
        await(pool.preparedQuery("INSERT INTO edgecoder_schema (component, version, name) VALUES ('t', 1, $1)")
            .execute(Tuple.of(ONE)));

        assertThat(await(migrator.migrate("t", List.of(ONE, TWO)))).isEqualTo(1);

        assertThat(recorded("t")).containsExactly(
            "1 " + ONE + " " + MigrationChecksum.of(text(ONE)),
            "2 " + TWO + " " + MigrationChecksum.of(text(TWO)));
        await(pool.query("UPDATE edgecoder_schema SET checksum = 'sha256:0000' WHERE version = 1").execute());
        assertThatThrownBy(() -> await(migrator.migrate("t", List.of(ONE, TWO)))).hasCauseInstanceOf(MigrationException.class);
    }

    @Test
    void checksumsIgnoreLineEndingsOnly() {
        assertThat(MigrationChecksum.of("CREATE TABLE a ();\r\nSELECT 1;\r\n")).isEqualTo(MigrationChecksum.of("CREATE TABLE a ();\nSELECT 1;\n"));
        assertThat(MigrationChecksum.of("SELECT 1;\n")).isNotEqualTo(MigrationChecksum.of("SELECT 2;\n"));
    }

    private List<String> recorded(String component) throws Exception {
        List<String> out = new ArrayList<>();
        for (Row r : await(pool.preparedQuery("SELECT version, name, checksum FROM edgecoder_schema WHERE component = $1"
            + " ORDER BY version").execute(Tuple.of(component)))) {
            out.add(r.getInteger(0) + " " + r.getString(1) + " " + r.getString(2));
        }
        return out;
    }

    private boolean tableExists(String name) throws Exception {
        return await(pool.preparedQuery("SELECT to_regclass($1) IS NOT NULL").execute(Tuple.of(name))).iterator().next().getBoolean(0);
    }

    private static String text(String resource) throws Exception {
        try (InputStream in = MigratorIT.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e;
        }
    }
}
