package io.edgecoder.core.message;

/**
 * One refused construct.
 *
 * @param line 1-based, 0 when the finding is about the whole file
 * @param construct a stable token such as {@code import:subprocess} or {@code name:eval}
 */
public record SubsetViolation(String file, int line, int column, String construct, String message) {

    /** {@code file:line:column construct: message}. */
    public String describe() {
        return file + ":" + line + ":" + column + " " + construct + ": " + message;
    }
}
