package io.edgecoder.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaDirectoryTest {
    private final Path dir;

    CaDirectoryTest() throws IOException {
        dir = Files.createTempDirectory("edgecoder-ca-dir");
    }

    @AfterEach
    void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void rotationTrustsBothCasThroughoutAndSwitchesTheIssuerOnlyOnActivation() throws Exception {
        DeploymentCa first = DeploymentCa.loadOrCreate(dir, "One");
        assertThat(CaDirectory.trusted(dir, Clock.systemUTC())).containsExactly(first.certificate());

        DeploymentCa next = CaDirectory.prepare(dir, "Two");
        assertThat(CaDirectory.prepare(dir, "Two").fingerprint()).isEqualTo(next.fingerprint());
        assertThat(DeploymentCa.load(dir).fingerprint()).isEqualTo(first.fingerprint());
        assertThat(CaDirectory.trusted(dir, Clock.systemUTC())).containsExactly(first.certificate(), next.certificate());

        Path retired = CaDirectory.activate(dir, Clock.systemUTC());

        assertThat(DeploymentCa.load(dir).fingerprint()).isEqualTo(next.fingerprint());
        assertThat(DeploymentCa.load(retired).fingerprint()).isEqualTo(first.fingerprint());
        assertThat(CaDirectory.prepared(dir)).isFalse();
        assertThat(CaDirectory.trusted(dir, Clock.systemUTC())).containsExactly(next.certificate(), first.certificate());
        assertThat(CaDirectory.trustedPem(dir, Clock.systemUTC())).contains("BEGIN CERTIFICATE");
    }

    @Test
    void activatingWithoutANextCaOrRotatingWithoutACaIsRefused() {
        assertThatThrownBy(() -> CaDirectory.prepare(dir, "Two")).hasMessageContaining("no deployment CA");
        DeploymentCa.loadOrCreate(dir, "One");
        assertThatThrownBy(() -> CaDirectory.activate(dir, Clock.systemUTC())).hasMessageContaining("ca rotate");
    }
}
