package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad portal port fails in a moment, before the embedded PostgreSQL or the cluster starts. */
class PreflightTest {
    @TempDir
    Path dataDir;

    private Settings settings(String port) {
        return Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.HTTP_PORT, port,
            ConfigKeys.DATA_DIR, dataDir.toString()));
    }

    @Test
    void portThatIsNoNumberOrOutOfRangeIsAConfigError() {
        assertThatThrownBy(() -> Preflight.httpPort(settings("http"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("'http.port' must be an integer, got 'http'");
        assertThatThrownBy(() -> Preflight.httpPort(settings("70000"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("'http.port' must be within 0..65535, got 70000");
        assertThatThrownBy(() -> Preflight.httpPort(settings("-1"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void portInUseIsAConfigErrorNamingHostAndPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Preflight.httpPort(settings(String.valueOf(port)))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http.port': cannot listen on 127.0.0.1:" + port);
        }
    }

    @Test
    void freePortAndAnyPortPass() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            free = probe.getLocalPort();
        }
        assertThatCode(() -> Preflight.httpPort(settings(String.valueOf(free)))).doesNotThrowAnyException();
        assertThatCode(() -> Preflight.httpPort(settings("0"))).doesNotThrowAnyException();
    }

    @Test
    void nodeWithoutPortalDoesNotCheckThePort() {
        assertThatCode(() -> Preflight.check(settings("http"), Set.of(Role.WORKER))).doesNotThrowAnyException();
    }

    @Test
    void upWithABadPortExitsWithTwoBeforeTheDatabaseStarts() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String dir = dataDir.toString();
            assertThat(Main.run(new String[] {"up", "--data-dir", dir, "--http-port", "43x"})).isEqualTo(2);
            assertThat(Main.run(new String[] {"up", "--data-dir", dir, "--http-port", "65536"})).isEqualTo(2);
            assertThat(Main.run(new String[] {"up", "--data-dir", dir, "--http-port", String.valueOf(taken.getLocalPort())}))
                .isEqualTo(2);
            assertThat(Main.run(new String[] {"up", "--data-dir", dir, "--log-level", "chatty"})).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("'http.port' must be an integer, got '43x'")
            .contains("got 65536").contains("cannot listen on 127.0.0.1:").contains("'log.level'");
        assertThat(dataDir.resolve("pg")).doesNotExist();
        assertThat(dataDir.resolve("identity")).doesNotExist();
        assertThat(dataDir.resolve("logs")).doesNotExist();
    }
}
