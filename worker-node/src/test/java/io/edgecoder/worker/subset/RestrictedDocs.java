package io.edgecoder.worker.subset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** docs/restricted.md, read from the repository (tests run in the module directory). */
final class RestrictedDocs {
    static final Path PAGE = Path.of("..", "docs", "restricted.md");

    private RestrictedDocs() {
    }

    static String text() {
        try {
            return Files.readString(PAGE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAGE.toAbsolutePath(), e);
        }
    }

    /** How the page writes a name: as code. */
    static String code(String name) {
        return "`" + name + "`";
    }
}
