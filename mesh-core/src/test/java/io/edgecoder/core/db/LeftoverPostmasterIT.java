package io.edgecoder.core.db;

import static io.edgecoder.core.db.Databases.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.testing.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * A node killed with SIGKILL leaves its PostgreSQL running; the next start stops it instead of
 * waiting for a server that cannot start. A directory whose node is alive is refused, naming it.
 */
@Tag("slow") // a second JVM holds the database, then is killed
class LeftoverPostmasterIT {
    private Path root;
    private Process holder;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("edgecoder-leftover-it");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (holder != null && holder.isAlive()) {
            holder.destroy();
            holder.waitFor(60, TimeUnit.SECONDS);
        }
        Path pid = root.resolve("pg/postmaster.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Databases.postmasterPid(root.resolve("pg"))).ifPresent(ProcessHandle::destroyForcibly);
        }
        Databases.deleteTree(root);
    }

    @Test
    void aPostmasterLeftByAKilledNodeIsStoppedAndTheNextStartSucceeds() throws Exception {
        Path dir = root.resolve("pg");
        holder = Databases.startHolder(dir);
        try (Connection c = connect(Integer.parseInt(Files.readAllLines(dir.resolve("postmaster.pid")).get(3).strip()),
                "edgecoder", PgCredentials.appPassword(dir)); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE survivor (x int); INSERT INTO survivor VALUES (42)");
        }
        long leftover = Databases.postmasterPid(dir);

        holder.destroyForcibly();
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Optional<ProcessHandle> orphan = ProcessHandle.of(leftover);
        assertThat(orphan).as("the killed node's postmaster outlives it").isPresent();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir);
             Connection c = connect(db.port(), "edgecoder", PgCredentials.appPassword(dir));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT x FROM survivor")) {
            assertThat(orphan.get().isAlive()).as("the left-over postmaster was stopped").isFalse();
            assertThat(Databases.postmasterPid(dir)).isNotEqualTo(leftover);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void aDirectoryInUseByALiveNodeIsRefusedNamingThatProcess() throws Exception {
        Path dir = root.resolve("pg");
        holder = Databases.startHolder(dir);
        long postmaster = Databases.postmasterPid(dir);

        assertThatThrownBy(() -> EmbeddedDatabase.start(dir))
            .hasMessageContaining("is in use by another node")
            .hasMessageContaining("process " + holder.pid() + " (")
            .hasMessageContaining("PostgreSQL process " + postmaster);
        assertThat(ProcessHandle.of(postmaster)).as("the live node's server is left alone").isPresent();
        assertThat(holder.isAlive()).isTrue();
    }

    /**
     * A JVM that exits normally stops its server before its owner removes the directory: zonky's own exit hook used to
     * run beside the owner's, their two stops raced, and the server was left running without its directory.
     */
    @Test
    void aJvmThatExitsAndRemovesTheDirectoryLeavesNoServerRunning() throws Exception {
        Path dir = root.resolve("pg");
        for (int run = 0; run < 3; run++) {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            holder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), DatabaseHolder.class.getName(),
                dir.toString(), "exit").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String ready;
            try (var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                ready = out.lines().filter(l -> l.startsWith("ready ")).findFirst().orElseThrow();
            }
            long postmaster = Long.parseLong(ready.split(" ")[2]);
            assertThat(holder.waitFor(120, TimeUnit.SECONDS)).as("the holder exited").isTrue();
            assertThat(Files.exists(dir)).as("its exit hook removed the directory").isFalse();
            // pg_ctl stop -w returns once the server removed its lock file, an instant before the process ends
            Await.until("run " + run + ": the server of a JVM that exited is not left running",
                Duration.ofSeconds(10), () -> ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive), Optional::isEmpty);
        }
    }
}
