package io.edgecoder.worker.subset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test sources kept under src/test/resources/subset. */
final class Sources {
    private Sources() {
    }

    static String resource(String name) {
        try (InputStream in = Sources.class.getResourceAsStream("/subset/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource subset/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code depth} nested array literals around one number: {@code [[[1]]]}. */
    static String nested(String open, String close, int depth) {
        return open.repeat(depth) + "1" + close.repeat(depth);
    }
}
