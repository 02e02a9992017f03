package io.edgecoder.core.trust;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
}
