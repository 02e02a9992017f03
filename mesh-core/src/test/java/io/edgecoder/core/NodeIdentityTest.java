package io.edgecoder.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    @Test
    void isCreatedOnceAndReloadedWithTheSameId(@TempDir Path dir) throws Exception {
        NodeIdentity created = NodeIdentity.loadOrCreate(dir);
        NodeIdentity loaded = NodeIdentity.loadOrCreate(dir);
        assertThat(loaded.nodeId()).isEqualTo(created.nodeId()).matches("n[0-9a-f]{16}");
        assertThat(Files.getPosixFilePermissions(dir.resolve("node.key")))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void signaturesVerifyOnlyForTheSignedDataAndKey() {
        NodeIdentity a = NodeIdentity.ephemeral();
        NodeIdentity b = NodeIdentity.ephemeral();
        byte[] data = "entry 42".getBytes(StandardCharsets.UTF_8);
        byte[] sig = a.sign(data);
        assertThat(NodeIdentity.verify(a.publicKeyBase64(), data, sig)).isTrue();
        assertThat(NodeIdentity.verify(b.publicKeyBase64(), data, sig)).isFalse();
        assertThat(NodeIdentity.verify(a.publicKeyBase64(), "entry 43".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
    }
}
