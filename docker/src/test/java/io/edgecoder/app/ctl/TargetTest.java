package io.edgecoder.app.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TargetTest {
    private Path dir;

    @BeforeEach
    void dataDir() throws Exception {
        dir = Files.createTempDirectory("edgecoder-target");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Target resolve(Map<String, String> env, String... args) {
        Ctl ctl = new Ctl(env);
        new CommandLine(ctl).parseArgs(args);
        return Target.resolve(ctl, env);
    }

    @Test
    void theDataDirectoryGivesTheTokenAndTheBridgeAddress() throws Exception {
        Files.writeString(dir.resolve("admin.token"), "secret-token\n");
        Files.writeString(dir.resolve("operator.endpoint"), "127.0.0.1:4400\n");

        Target target = resolve(Map.of(), "--data-dir", dir.toString());

        assertThat(target.host()).isEqualTo("127.0.0.1");
        assertThat(target.port()).isEqualTo(4400);
        assertThat(target.token()).isEqualTo("secret-token");
        assertThat(target.tls()).isNull();
    }

    @Test
    void optionsComeBeforeTheEnvironmentAndTheEnvironmentBeforeTheDataDirectory() throws Exception {
        Files.writeString(dir.resolve("admin.token"), "from-file");
        Map<String, String> env = Map.of(Target.TOKEN_ENV, "from-env", Target.NODE_ENV, "localhost:4401");

        assertThat(resolve(env, "--data-dir", dir.toString()).token()).isEqualTo("from-env");
        assertThat(resolve(env, "--data-dir", dir.toString()).port()).isEqualTo(4401);
        assertThat(resolve(env, "--data-dir", dir.toString(), "--token", "from-option", "--node", "127.0.0.1:4402").token())
            .isEqualTo("from-option");
    }

    @Test
    void withoutEndpointFileTheDefaultIsLoopback4312() throws Exception {
        Target target = resolve(Map.of(Target.TOKEN_ENV, "t"), "--data-dir", dir.toString());

        assertThat(target.address()).isEqualTo("127.0.0.1:4312");
    }

    @Test
    void missingTokenMalformedNodeAndRemoteWithoutCaAreClearErrors() {
        assertThatThrownBy(() -> resolve(Map.of(), "--data-dir", dir.toString()))
            .isInstanceOfSatisfying(CtlException.class, e -> assertThat(e.exitCode()).isEqualTo(CtlException.AUTH))
            .hasMessageContaining("no operator token");
        assertThatThrownBy(() -> resolve(Map.of(Target.TOKEN_ENV, "t"), "--data-dir", dir.toString(), "--node", "nohost"))
            .isInstanceOfSatisfying(CtlException.class, e -> assertThat(e.exitCode()).isEqualTo(CtlException.USAGE));
        assertThatThrownBy(() -> resolve(Map.of(Target.TOKEN_ENV, "t"), "--data-dir", dir.toString(), "--node", "127.0.0.1:99999"))
            .isInstanceOfSatisfying(CtlException.class, e -> assertThat(e.exitCode()).isEqualTo(CtlException.USAGE));
        assertThatThrownBy(() -> resolve(Map.of(Target.TOKEN_ENV, "t"), "--data-dir", dir.toString(), "--node", "192.0.2.7:4312"))
            .isInstanceOfSatisfying(CtlException.class, e -> assertThat(e.exitCode()).isEqualTo(CtlException.USAGE))
            .hasMessageContaining("--ca-cert");
    }

    @Test
    void nodeFailuresMapToTheDocumentedExitCodes() {
        assertThat(CtlException.fromStatus(401, "x").exitCode()).isEqualTo(CtlException.AUTH);
        assertThat(CtlException.fromStatus(403, "x").exitCode()).isEqualTo(CtlException.AUTH);
        assertThat(CtlException.fromStatus(404, "x").exitCode()).isEqualTo(CtlException.NOT_FOUND);
        assertThat(CtlException.fromStatus(503, "x").exitCode()).isEqualTo(CtlException.UNREACHABLE);
        assertThat(CtlException.fromStatus(400, "x").exitCode()).isEqualTo(CtlException.USAGE);
        assertThat(CtlException.fromStatus(409, "x").exitCode()).isEqualTo(CtlException.OTHER);
        assertThat(CtlException.fromStatus(404, "job x not found").getMessage()).isEqualTo("job x not found (code 404)");
    }
}
