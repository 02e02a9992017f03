package io.edgecoder.core.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/** Helpers of the embedded database tests: plain JDBC connections, a holder JVM, clean-up. */
final class Databases {
    private Databases() {
    }

    static Connection connect(int port, String user, String password) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("postgres");
        ds.setUser(user);
        if (password != null) {
            ds.setPassword(password);
        }
        return ds.getConnection();
    }

    /** Starts {@link DatabaseHolder} on {@code dir} and waits for its "ready" line. */
    static Process startHolder(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            DatabaseHolder.class.getName(), dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ready ")) {
                return p;
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("the database holder ended without starting its database");
    }

    static long postmasterPid(Path dir) throws IOException {
        return Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
