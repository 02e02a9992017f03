package io.edgecoder.worker.subset;

import java.util.Objects;

/**
 * One construct a restricted job may not use, or a source that could not be parsed.
 *
 * @param file the path as given in the request; empty when the finding concerns the whole request
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column in characters, 0 when unknown
 * @param construct a short stable token naming the construct, such as {@code import:subprocess},
 *     {@code name:eval}, {@code require:child_process}, {@code syntax} or {@code too-complex};
 *     the prefixes are listed in docs/restricted.md
 * @param message why it is refused, safe to show to the submitter
 */
public record Violation(String file, int line, int column, String construct, String message) {
    public Violation {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(construct, "construct");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative");
        }
    }

    /** {@code file:line:column construct: message}, for logs and error texts. */
    public String describe() {
        return file + ":" + line + ":" + column + " " + construct + ": " + message;
    }
}
