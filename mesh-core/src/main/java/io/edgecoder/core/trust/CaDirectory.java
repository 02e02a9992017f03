package io.edgecoder.core.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a deployment CA directory and its rotation. {@code ca.key}/{@code ca.crt} are the
 * CA that issues; {@code next/} holds the CA that will replace it (trusted, handed out, not yet
 * issuing); {@code retired/<time>/} holds earlier CAs, trusted until their certificates expire.
 * Rotation is two steps so that every node trusts the new CA before any certificate from it is
 * presented: {@link #prepare} then, once the nodes have the new CA, {@link #activate}.
 * Blocking (file I/O).
 */
public final class CaDirectory {
    public static final String NEXT = "next";
    public static final String RETIRED = "retired";

    private CaDirectory() {
    }

    /** Every CA certificate the deployment trusts now: the issuing one first, then the next and the retired ones still valid. */
    public static List<X509Certificate> trusted(Path dir, Clock clock) {
        List<X509Certificate> out = new ArrayList<>(read(dir.resolve(DeploymentCa.CERT_FILE)));
        out.addAll(read(dir.resolve(NEXT).resolve(DeploymentCa.CERT_FILE)));
        Path retired = dir.resolve(RETIRED);
        if (Files.isDirectory(retired)) {
            try (Stream<Path> olds = Files.list(retired)) {
                olds.sorted().forEach(old -> out.addAll(read(old.resolve(DeploymentCa.CERT_FILE))));
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + retired + ": " + e.getMessage(), e);
            }
        }
        Instant now = clock.instant();
        return out.stream().filter(ca -> now.isBefore(ca.getNotAfter().toInstant())).distinct().toList();
    }

    /** The PEM of {@link #trusted}. */
    public static String trustedPem(Path dir, Clock clock) {
        StringBuilder pem = new StringBuilder();
        trusted(dir, clock).forEach(ca -> pem.append(Pem.certificate(ca)));
        return pem.toString();
    }

    /** Step 1: creates the next CA (or returns the one already prepared). */
    public static DeploymentCa prepare(Path dir, String name) {
        requireCa(dir);
        return DeploymentCa.loadOrCreate(dir.resolve(NEXT), name);
    }

    /** Whether a next CA is waiting to be activated. */
    public static boolean prepared(Path dir) {
        return DeploymentCa.exists(dir.resolve(NEXT));
    }

    /** Step 2: the next CA issues from now on; the current one moves to {@code retired/<time>/}, still trusted. */
    public static Path activate(Path dir, Clock clock) {
        requireCa(dir);
        Path next = dir.resolve(NEXT);
        if (!DeploymentCa.exists(next)) {
            throw new IllegalStateException("no next CA in " + next + ": run 'edgecoder ca rotate' first");
        }
        Path retired = dir.resolve(RETIRED).resolve(Long.toString(clock.millis()));
        try {
            Files.createDirectories(retired);
            for (String file : List.of(DeploymentCa.KEY_FILE, DeploymentCa.CERT_FILE)) {
                Files.move(dir.resolve(file), retired.resolve(file), StandardCopyOption.ATOMIC_MOVE);
            }
            for (String file : List.of(DeploymentCa.KEY_FILE, DeploymentCa.CERT_FILE)) {
                Files.move(next.resolve(file), dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.delete(next);
            return retired;
        } catch (IOException e) {
            throw new IllegalStateException("cannot activate the next CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void requireCa(Path dir) {
        if (!DeploymentCa.exists(dir)) {
            throw new IllegalStateException("no deployment CA in " + dir + " (ca.key and ca.crt)");
        }
    }

    private static List<X509Certificate> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Pem.certificates(Files.readString(file)) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
