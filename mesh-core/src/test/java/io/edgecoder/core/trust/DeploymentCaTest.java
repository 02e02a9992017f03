package io.edgecoder.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentCaTest {
    private final DeploymentCa ca = DeploymentCa.ephemeral("test");
    private final NodeIdentity node = NodeIdentity.ephemeral();

    @Test
    void aCertificateNamesTheNodeItsOrganisationRingRolesAndCapacity() {
        NodeCertificate cert = ca.issue(node.publicKey(), node.nodeId(), "acme", Ring.EDGE, EnumSet.of(Role.WORKER), 4,
            Duration.ofHours(1));

        assertThat(cert.nodeId()).isEqualTo(node.nodeId());
        assertThat(cert.org()).isEqualTo("acme");
        assertThat(cert.ring()).isEqualTo(Ring.EDGE);
        assertThat(cert.roles()).containsExactly(Role.WORKER);
        assertThat(cert.slots()).isEqualTo(4);
        assertThat(new MeshTrust(ca.certificate()).check(cert.x509()).fingerprint()).isEqualTo(cert.fingerprint());
    }

    @Test
    void aNodeIdThatIsNotTheIdOfTheKeyCannotBeCertified() {
        NodeIdentity other = NodeIdentity.ephemeral();

        assertThatThrownBy(() -> ca.issue(node.publicKey(), other.nodeId(), "acme", Ring.CORE, EnumSet.of(Role.WORKER),
            Duration.ofHours(1))).hasMessageContaining("is not the id of its key");
    }

    @Test
    void certificatesOfAnotherCaExpiredOnesAndRevokedNodesAreRefused() throws Exception {
        MeshTrust trust = new MeshTrust(ca.certificate());
        NodeCertificate foreign = DeploymentCa.ephemeral("other").issue(node, "acme", Ring.CORE, EnumSet.of(Role.LEDGER), Duration.ofHours(1));
        NodeCertificate valid = ca.issue(node, "acme", Ring.CORE, EnumSet.of(Role.LEDGER), Duration.ofHours(1));
        MeshTrust later = new MeshTrust(List.of(ca.certificate()), Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC));

        assertThat(refusal(() -> trust.check(foreign.x509()))).contains("not signed by this deployment's CA");
        assertThat(refusal(() -> later.check(valid.x509()))).contains("not valid now");
        String encoded = Base64.getEncoder().encodeToString(valid.x509().getEncoded());
        trust.revoke(node.nodeId());
        assertThat(refusal(() -> trust.check(encoded))).contains("revoked");
        assertThat(refusal(() -> trust.check("bm90IGEgY2VydGlmaWNhdGU="))).contains("unreadable");
    }

    @Test
    void theCaKeyIsStoredReadableOnlyByTheOwnerAndLoadsBack(@TempDir Path dir) throws Exception {
        DeploymentCa created = DeploymentCa.loadOrCreate(dir, "EdgeCoder test CA");
        DeploymentCa loaded = DeploymentCa.loadOrCreate(dir, "ignored");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DeploymentCa.KEY_FILE)))).isEqualTo("rw-------");
        assertThat(loaded.fingerprint()).isEqualTo(created.fingerprint());
        NodeCertificate cert = loaded.issue(node, "acme", Ring.CORE, EnumSet.of(Role.PORTAL), Duration.ofHours(1));
        assertThat(new MeshTrust(created.certificate()).check(cert.x509()).nodeId()).isEqualTo(node.nodeId());
    }

    @Test
    void credentialsRoundTripThroughTheirDirectory(@TempDir Path dir) {
        NodeCredentials credentials = ca.credentials(node, "acme", Ring.CORE, EnumSet.of(Role.WORKER), Duration.ofHours(1));
        credentials.save(dir);

        NodeCredentials loaded = NodeCredentials.load(dir, node).orElseThrow();

        assertThat(loaded.certificate().fingerprint()).isEqualTo(credentials.certificate().fingerprint());
        assertThat(loaded.trust().anchors()).containsExactly(ca.certificate());
        assertThatThrownBy(() -> NodeCredentials.load(dir, NodeIdentity.ephemeral())).hasMessageContaining("not to this node");
    }

    private static String refusal(Runnable check) {
        try {
            check.run();
            throw new AssertionError("expected a refusal");
        } catch (MeshException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            return e.getMessage();
        }
    }
}
