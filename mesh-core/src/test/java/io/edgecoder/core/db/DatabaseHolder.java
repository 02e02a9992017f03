package io.edgecoder.core.db;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A separate JVM that starts the embedded database on a directory, prints "ready PORT" and
 * waits to be killed: a node that holds its database, for tests of what a second start finds.
 * With a second argument {@code exit}, it instead exits at once, its own shutdown hook closing the
 * database and then removing the directory, as the test JVMs' shared database does.
 */
public final class DatabaseHolder {
    private DatabaseHolder() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        EmbeddedDatabase db = EmbeddedDatabase.start(dir);
        boolean exit = args.length > 1 && args[1].equals("exit");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            db.close();
            if (exit) {
                io.edgecoder.core.testing.TempFiles.deleteTree(dir);
            }
        }));
        System.out.println("ready " + db.port() + " " + Databases.postmasterPid(dir));
        System.out.flush();
        if (exit) {
            System.exit(0);
        }
        new CountDownLatch(1).await();
    }
}
