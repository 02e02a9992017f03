package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTrustTest {
    @TempDir
    Path dir;

    private NodeTrust trust(Path dataDir, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(overrides);
        values.put(ConfigKeys.DATA_DIR, dataDir.toString());
        Settings settings = Settings.of(ConfigKeys.defaults()).with(values);
        return new NodeTrust(settings, NodeIdentity.loadOrCreate(dataDir.resolve("identity")), EnumSet.of(Role.WORKER, Role.PORTAL), dataDir);
    }

    @Test
    void theFirstNodeCreatesTheCaAndCertifiesItselfForItsRoles() {
        NodeCredentials credentials = trust(dir.resolve("first"), Map.of()).credentials();

        assertThat(DeploymentCa.exists(dir.resolve("first/ca"))).isTrue();
        assertThat(credentials.certificate().roles()).containsExactlyInAnyOrder(Role.WORKER, Role.PORTAL);
        assertThat(credentials.certificate().ring()).isEqualTo(Ring.CORE);
        assertThat(credentials.certificate().org()).isEqualTo("local");
        assertThat(Files.exists(dir.resolve("first/tls/node.crt"))).isTrue();
    }

    @Test
    void aFirstNodeGivenAnEmptyCaDirectoryCreatesTheCaThereForOthersToShare() {
        Path shared = dir.resolve("shared-ca");

        trust(dir.resolve("first"), Map.of(ConfigKeys.TRUST_CA_DIR, shared.toString())).credentials();
        NodeCredentials second = trust(dir.resolve("second"), Map.of(ConfigKeys.TRUST_CA_DIR, shared.toString(),
            ConfigKeys.CLUSTER_JOIN, "127.0.0.1:5701")).credentials();

        assertThat(DeploymentCa.exists(shared)).isTrue();
        assertThat(DeploymentCa.exists(dir.resolve("first/ca"))).isFalse();
        assertThat(second.trust().anchors()).hasSize(1);
    }

    @Test
    void aJoiningNodeWithoutCaOrCertificateIsToldToEnroll() {
        assertThatThrownBy(() -> trust(dir.resolve("joiner"), Map.of(ConfigKeys.CLUSTER_JOIN, "127.0.0.1:5701")).credentials())
            .isInstanceOf(ConfigException.class).hasMessageContaining("--enroll TOKEN");
        assertThatThrownBy(() -> trust(dir.resolve("joiner2"), Map.of(ConfigKeys.CLUSTER_JOIN, "127.0.0.1:5701",
            ConfigKeys.TRUST_CA_DIR, dir.resolve("nothing-here").toString())).credentials())
            .isInstanceOf(ConfigException.class).hasMessageContaining("no ca.key and ca.crt");
    }
}
