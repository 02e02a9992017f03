package io.edgecoder.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The faster paths (a signer's known public key, cached decoded keys) give exactly what the plain ones give. */
class Ed25519KeysTest {
    private final NodeIdentity identity = NodeIdentity.ephemeral();
    private final byte[] rawPrivate = Ed25519Keys.rawPrivate(identity.privateKey());
    private final byte[] rawPublic = Ed25519Keys.rawPublic(identity.publicKey());
    private final byte[] data = "edgecoder.result.v1\n3:abc\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void signingWithTheKnownPublicKeyGivesTheSameSignatureAsTheJdk() throws Exception {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(identity.privateKey());
        jdk.update(data);

        byte[] fast = Ed25519Keys.sign(rawPrivate, rawPublic, data);

        assertThat(fast).isEqualTo(jdk.sign()).isEqualTo(Ed25519Keys.sign(rawPrivate, data)).isEqualTo(identity.sign(data));
        assertThat(Ed25519Keys.publicOf(rawPrivate)).isEqualTo(rawPublic);
    }

    @Test
    void aCachedKeyStillRefusesTamperedDataSignaturesAndOtherKeys() {
        byte[] sig = identity.sign(data);
        byte[] tampered = data.clone();
        tampered[3] ^= 1;
        byte[] badSig = sig.clone();
        badSig[10] ^= 1;
        byte[] otherKey = Ed25519Keys.rawPublic(NodeIdentity.ephemeral().publicKey());

        for (int round = 0; round < 2; round++) { // first decoding, then the cached point
            assertThat(Ed25519Keys.verify(rawPublic, data, sig)).isTrue();
            assertThat(Ed25519Keys.verify(rawPublic, tampered, sig)).isFalse();
            assertThat(Ed25519Keys.verify(rawPublic, data, badSig)).isFalse();
            assertThat(Ed25519Keys.verify(otherKey, data, sig)).isFalse();
        }
    }

    @Test
    void bytesThatAreNoKeyNeverVerifyAndACallerChangingItsArrayLaterChangesNothing() {
        byte[] sig = identity.sign(data);
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        byte[] mine = rawPublic.clone();

        assertThat(Ed25519Keys.verify(notAPoint, data, sig)).isFalse();
        assertThat(Ed25519Keys.verify(new byte[31], data, sig)).isFalse();
        assertThat(Ed25519Keys.verify(mine, data, sig)).isTrue();
        mine[0] ^= 1; // the cache holds its own copy of the key it decoded
        assertThat(Ed25519Keys.verify(mine, data, sig)).isFalse();
        assertThat(Ed25519Keys.verify(rawPublic, data, sig)).isTrue();
    }
}
