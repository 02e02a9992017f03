package io.edgecoder.app;

import io.edgecoder.core.db.EmbeddedDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The embedded PostgreSQL of a node's data directory, opened by a command that runs beside or
 * instead of the node. When the node is down, the server is started here (as {@link Node} does)
 * and stopped on {@link #close}; when the node is up, its server holds the directory's lock and
 * the command connects to it on the port recorded in {@code postmaster.pid}, as the node's database
 * role with the password kept in the directory. Blocking.
 */
final class NodeDatabase implements AutoCloseable {
    private final EmbeddedDatabase started;
    private final String url;

    private NodeDatabase(EmbeddedDatabase started, String url) {
        this.started = started;
        this.url = url;
    }

    /** Opens the database under {@code dataDir/pg}; fails with a clear message when there is none. */
    static NodeDatabase open(Path dataDir, PrintStream err) {
        Path pg = dataDir.resolve("pg");
        if (!Files.isRegularFile(pg.resolve("PG_VERSION"))) {
            throw new IllegalStateException("no embedded database in " + pg + " (run the node with the ledger role"
                + " and --data-dir " + dataDir + " first, or give --db-url URL)");
        }
        try {
            EmbeddedDatabase db = EmbeddedDatabase.start(pg);
            return new NodeDatabase(db, db.url());
        } catch (RuntimeException e) {
            OptionalInt port = runningPort(pg);
            if (port.isEmpty()) {
                throw new IllegalStateException("cannot start the embedded database in " + pg + ": " + e.getMessage(), e);
            }
            err.println("the embedded database in " + pg + " is in use by a running node; reading it on 127.0.0.1:"
                + port.getAsInt());
            return new NodeDatabase(null, EmbeddedDatabase.runningUrl(pg, port.getAsInt()));
        }
    }

    String url() {
        return url;
    }

    /** The port line (the fourth) of a running server's {@code postmaster.pid}. */
    static OptionalInt runningPort(Path pg) {
        try {
            List<String> lines = Files.readAllLines(pg.resolve("postmaster.pid"));
            return lines.size() < 4 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(lines.get(3).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
