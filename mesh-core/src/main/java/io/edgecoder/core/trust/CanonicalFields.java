package io.edgecoder.core.trust;

import io.edgecoder.core.NodeIdentity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Length-framed fields after a version line, the encoding of every signed statement: each field as
 * {@code <utf-8 byte length>:<value>\n}, null as {@code -\n}. Unambiguous whatever the values contain.
 */
final class CanonicalFields {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    CanonicalFields(String version) {
        out.writeBytes((version + "\n").getBytes(StandardCharsets.UTF_8));
    }

    CanonicalFields field(String value) {
        if (value == null) {
            out.writeBytes("-\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.write('\n');
        return this;
    }

    CanonicalFields number(Long value) {
        return field(value == null ? null : Long.toString(value));
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** {@code identity}'s signature over a statement's canonical bytes, base64. */
    static String sign(NodeIdentity identity, byte[] canonical) {
        return Base64.getEncoder().encodeToString(identity.sign(canonical));
    }

    /** Whether {@code signatureBase64} is the holder of {@code publicKeyBase64}'s signature over {@code canonical}. */
    static boolean verify(String publicKeyBase64, byte[] canonical, String signatureBase64) {
        if (publicKeyBase64 == null || signatureBase64 == null || signatureBase64.length() > 200) {
            return false;
        }
        try {
            return NodeIdentity.verify(publicKeyBase64, canonical, Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
