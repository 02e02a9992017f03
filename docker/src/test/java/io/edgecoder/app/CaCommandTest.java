package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Pem;
import io.edgecoder.core.trust.Ring;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaCommandTest {
    private final Path dataDir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    CaCommandTest() throws Exception {
        dataDir = Files.createTempDirectory("edgecoder-ca-cmd");
    }

    @AfterEach
    void clean() throws Exception {
        EdgecoderCli.deleteTree(dataDir);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        String[] argv = new String[args.length + 3];
        argv[0] = "ca";
        System.arraycopy(args, 0, argv, 1, args.length);
        argv[args.length + 1] = "--data-dir";
        argv[args.length + 2] = dataDir.toString();
        return CaCommand.run(CommandLine.parse(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showPrintsFingerprintSubjectValidityAndFile() {
        DeploymentCa ca = DeploymentCa.loadOrCreate(dataDir.resolve("ca"), "EdgeCoder test CA");

        assertThat(run("show")).isZero();

        assertThat(out()).contains(ca.fingerprint(), "CN=EdgeCoder test CA", "valid", dataDir.resolve("ca").resolve("ca.crt").toString());
    }

    @Test
    void showWithoutACaSaysWhereItLooked() {
        assertThat(run("show")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no deployment CA in " + dataDir.resolve("ca"));
    }

    @Test
    void rotateThenActivateSwitchesTheIssuingCa() throws Exception {
        DeploymentCa first = DeploymentCa.loadOrCreate(dataDir.resolve("ca"), "One");

        assertThat(run("rotate")).isZero();
        String next = out().lines().findFirst().orElseThrow().replaceAll(".*: ", "");
        assertThat(run("show")).isZero();
        assertThat(out()).contains(first.fingerprint(), "next CA", next);
        assertThat(run("activate")).isZero();

        assertThat(DeploymentCa.load(dataDir.resolve("ca")).fingerprint()).isEqualTo(next);
        assertThat(run("activate")).isEqualTo(1);
    }

    @Test
    void trustAddsACaToAnEnrolledNodesBundleOnce() throws Exception {
        DeploymentCa own = DeploymentCa.ephemeral("Own");
        NodeCredentials creds = own.credentials(NodeIdentity.ephemeral(), "acme", Ring.CORE, EnumSet.of(Role.WORKER), Duration.ofHours(1));
        creds.save(dataDir.resolve("tls"));
        DeploymentCa next = DeploymentCa.ephemeral("Next");
        Path file = dataDir.resolve("next.crt");
        Files.writeString(file, Pem.certificate(next.certificate()));

        assertThat(run("trust", file.toString())).isZero();
        assertThat(run("trust", file.toString())).isZero();

        assertThat(out()).contains(next.fingerprint());
        assertThat(Pem.certificates(Files.readString(dataDir.resolve("tls").resolve("ca.crt"))))
            .containsExactly(own.certificate(), next.certificate());
    }

    @Test
    void badUsageIsAUsageError() {
        assertThatThrownBy(() -> run("spin")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> run("show", "extra")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CaCommand.run(CommandLine.parse(new String[] {"ca", "show", "--roles", "worker"}), System.out, System.err))
            .isInstanceOf(CommandLine.UsageException.class);
    }
}
