package io.edgecoder.worker.impl;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JDK Java jobs are compiled and run with: one whose real files lie under {@code /usr} (the
 * only host tree a strong sandbox shows), found through {@code /usr/bin/javac} or else under
 * {@code /usr/lib/jvm}, and which answers {@code javac -version}. Paths are resolved to their
 * real location because {@code /usr/bin/javac} is usually a link through {@code /etc/alternatives}.
 *
 * @param home the JDK's real home directory
 * @param version what {@code javac -version} printed
 * @param hostConfigDirs directories under {@code /etc} the JDK's own links point into (Debian keeps
 *     {@code jvm.cfg} and {@code java.security} under {@code /etc/java-17-openjdk}); a sandbox binds
 *     them read-only at the same path. Links to anywhere else outside /usr are not followed.
 */
public record Jdk(Path home, Path javac, Path java, String version, List<Path> hostConfigDirs) {
    public static final Path USR = Path.of("/usr");
    static final Path USR_BIN_JAVAC = Path.of("/usr/bin/javac");
    static final Path JVM_ROOT = Path.of("/usr/lib/jvm");
    private static final Path ETC = Path.of("/etc");

    public Jdk {
        hostConfigDirs = List.copyOf(hostConfigDirs);
    }

    /** The JDK of this machine, located and probed once (blocking the first time: it starts javac). */
    public static Optional<Jdk> installed() {
        return Installed.JDK;
    }

    private static final class Installed {
        static final Optional<Jdk> JDK = locateHome(USR_BIN_JAVAC, JVM_ROOT).flatMap(Jdk::probe);
    }

    /** A JDK home under /usr: the one {@code javac} links to, else the last by name under {@code jvmRoot}. */
    static Optional<Path> locateHome(Path javacLink, Path jvmRoot) {
        Optional<Path> linked = realPath(javacLink).map(p -> p.getParent().getParent()).filter(Jdk::isJdkHome);
        if (linked.isPresent()) {
            return linked;
        }
        if (!Files.isDirectory(jvmRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvmRoot)) {
            return homes.map(Jdk::realPath).flatMap(Optional::stream).filter(Jdk::isJdkHome).distinct()
                .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isJdkHome(Path home) {
        return home.startsWith(USR) && Files.isExecutable(home.resolve("bin/javac")) && Files.isExecutable(home.resolve("bin/java"));
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The directories under /etc (or single files directly in /etc) that links inside
     * {@code home} point into, both the link's own target and its final target (in case the
     * first is a link too), without the ones nested in another.
     */
    static List<Path> hostConfigDirs(Path home) {
        TreeSet<Path> dirs = new TreeSet<>();
        try (Stream<Path> entries = Files.walk(home)) {
            entries.filter(Files::isSymbolicLink).forEach(link -> addTargets(link, dirs));
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        List<Path> outermost = new ArrayList<>();
        for (Path dir : dirs) {
            if (outermost.stream().noneMatch(dir::startsWith)) {
                outermost.add(dir);
            }
        }
        return outermost;
    }

    private static void addTargets(Path link, TreeSet<Path> dirs) {
        try {
            Path first = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
            Optional<Path> last = realPath(link);
            for (Path target : last.isPresent() ? List.of(first, last.get()) : List.<Path>of()) {
                bindUnit(target).ifPresent(dirs::add);
            }
        } catch (IOException e) {
            // A dangling or unreadable link: nothing to bind for it.
        }
    }

    /**
     * What to bind for a link target outside /usr: its directory, but only under /etc and never
     * /etc itself (a file directly in /etc is bound alone); anything elsewhere is not exposed.
     */
    private static Optional<Path> bindUnit(Path target) {
        if (!target.startsWith(ETC) || target.equals(ETC) || !Files.exists(target)) {
            return Optional.empty();
        }
        if (Files.isDirectory(target)) {
            return Optional.of(target);
        }
        return Optional.of(target.getParent().equals(ETC) ? target : target.getParent());
    }

    private static Optional<Jdk> probe(Path home) {
        Path javac = home.resolve("bin/javac");
        List<String> cmd = List.of(javac.toString(), "-J-Xshare:auto", "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1",
            "-J-XX:-UsePerfData", "-version");
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null"));
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            Process p = builder.start();
            String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 && out.startsWith("javac")
                ? Optional.of(new Jdk(home, javac, home.resolve("bin/java"), out, hostConfigDirs(home))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
