package io.edgecoder.core.db;

import static io.edgecoder.core.db.Databases.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The embedded PostgreSQL asks everyone for a password, and the node's role is no superuser. */
class EmbeddedDatabaseIT {
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Path root;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("edgecoder-db-it");
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void tearDown() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        Databases.deleteTree(root);
    }

    @Test
    void newDataDirRefusesConnectionsWithoutTheRightPassword() throws Exception {
        Path dir = root.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            String app = PgCredentials.read(dir.resolve(PgCredentials.APP_FILE)).orElseThrow();
            String superuser = PgCredentials.read(dir.resolve(PgCredentials.SUPERUSER_FILE)).orElseThrow();

            assertThatThrownBy(() -> connect(db.port(), "postgres", null).close()).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(db.port(), "edgecoder", null).close()).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(db.port(), "postgres", app).close())
                .hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> connect(db.port(), "edgecoder", "0".repeat(64)).close())
                .hasMessageContaining("password authentication failed");
            try (Connection c = connect(db.port(), "edgecoder", app)) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(db.url()).isEqualTo("postgresql://edgecoder:" + app + "@127.0.0.1:" + db.port() + "/postgres");
            assertThat(DbUrls.redact(db.url())).doesNotContain(app).contains("edgecoder:***@");
            assertPrivateFiles(dir);
            assertThat(PgHba.trustLines(dir)).isEmpty();
            assertNeverLogged(app, superuser);
        }
    }

    @Test
    void theNodesRoleOwnsItsDatabaseButCannotRunPrograms() throws Exception {
        Path dir = root.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir);
             Connection c = connect(db.port(), "edgecoder", PgCredentials.appPassword(dir));
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (x int)");
            assertThat(single(st, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("f");
            assertThat(single(st, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'postgres'"))
                .isEqualTo("edgecoder");
            assertThatThrownBy(() -> st.execute("COPY (SELECT 1) TO PROGRAM 'true'"))
                .hasMessageContaining("must be superuser");
            assertThatThrownBy(() -> st.execute("SELECT pg_read_file('PG_VERSION')"))
                .hasMessageContaining("permission denied");
        }
    }

    @Test
    void aTrustDataDirOfTheEarlierReleaseIsUpgradedInPlace() throws Exception {
        Path dir = root.resolve("pg");
        createAsTheEarlierReleaseDid(dir);
        assertThat(PgHba.trustLines(dir)).isNotEmpty();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertThat(PgHba.trustLines(dir)).isEmpty();
            assertThatThrownBy(() -> connect(db.port(), "postgres", null).close()).isInstanceOf(SQLException.class);
            try (Connection c = connect(db.port(), "edgecoder", PgCredentials.appPassword(dir));
                 Statement st = c.createStatement()) {
                assertThat(single(st, "SELECT note FROM old_data")).isEqualTo("kept");
                st.execute("INSERT INTO old_data VALUES ('written by the new role')");
            }
            assertPrivateFiles(dir);
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("upgrading the embedded database in " + dir).contains("trust"));
            assertNeverLogged(PgCredentials.appPassword(dir), PgCredentials.read(dir.resolve(PgCredentials.SUPERUSER_FILE)).orElseThrow());
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dir);
             Connection c = connect(again.port(), "edgecoder", PgCredentials.appPassword(dir));
             Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT count(*) FROM old_data")).isEqualTo("2");
        }
    }

    @Test
    void aPasswordDataDirWhoseFilesAreGoneIsRefusedSayingSo() throws Exception {
        Path dir = root.resolve("pg");
        EmbeddedDatabase.start(dir).close();
        Files.delete(dir.resolve(PgCredentials.SUPERUSER_FILE));
        Files.delete(dir.resolve(PgCredentials.APP_FILE));

        assertThatThrownBy(() -> EmbeddedDatabase.start(dir))
            .hasMessageContaining("requires passwords but its password file " + dir.resolve(PgCredentials.SUPERUSER_FILE)
                + " is missing");
        assertThat(dir.resolve("postmaster.pid")).doesNotExist();
    }

    /** Exactly what round 1's EmbeddedDatabase.start did: zonky's defaults (initdb -A trust), loopback. */
    private static void createAsTheEarlierReleaseDid(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1").start();
             Connection c = old.getPostgresDatabase().getConnection();
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE old_data (note text)");
            st.execute("INSERT INTO old_data VALUES ('kept')");
        }
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void assertPrivateFiles(Path dir) throws Exception {
        for (String f : new String[] {PgCredentials.APP_FILE, PgCredentials.SUPERUSER_FILE}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f)))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    private void assertNeverLogged(String... secrets) {
        for (ILoggingEvent e : logs.list) {
            String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            for (String s : secrets) {
                assertThat(text).doesNotContain(s);
            }
        }
    }
}
