package io.edgecoder.core.db;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A separate JVM that starts the embedded database on a directory, prints "ready PORT" and
 * waits to be killed: a node that holds its database, for tests of what a second start finds.
 */
public final class DatabaseHolder {
    private DatabaseHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(db::close));
        System.out.println("ready " + db.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
