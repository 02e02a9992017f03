package io.edgecoder.worker.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real runner outputs recorded from Python 3.11 and Node 20, kept under {@code reports/}. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static String read(String name) {
        try (InputStream in = ReportFixtures.class.getResourceAsStream("/reports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
