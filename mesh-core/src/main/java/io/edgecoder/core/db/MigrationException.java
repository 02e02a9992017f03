package io.edgecoder.core.db;

/** The database's applied migrations do not match this build's: the node must not start on it. */
public final class MigrationException extends IllegalStateException {
    public MigrationException(String message) {
        super(message);
    }
}
