package io.edgecoder.worker;

import io.edgecoder.worker.impl.JavaCommand;
import io.edgecoder.worker.impl.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The languages a worker can run tests in, each bound to one absolute runtime path (never the
 * first one on PATH: version managers put their own interpreters there). Java is optional: it
 * counts as available only when a JDK under {@code /usr} answers {@code javac -version}
 * ({@link Jdk}).
 */
public enum Language {
    PYTHON("python", Path.of("/usr/bin/python3")),
    JAVASCRIPT("javascript", Path.of("/usr/bin/node")),
    JAVA("java", Path.of("/usr/bin/javac"));

    private final String id;
    private final Path runtime;

    Language(String id, Path runtime) {
        this.id = id;
        this.runtime = runtime;
    }

    /** The wire name, as in {@code JobSubmitRequest.language}. */
    public String id() {
        return id;
    }

    public Path runtime() {
        return runtime;
    }

    /**
     * The command that runs the spec's test file, with the workspace as working directory.
     * Only call it for an {@link #available()} language.
     */
    public List<String> testCommand(RunSpec spec) {
        return switch (this) {
            // -B: no .pyc files; -E -s: ignore PYTHON* variables and the user site directory.
            case PYTHON -> List.of(runtime.toString(), "-B", "-E", "-s", "-m", "unittest", "-v", spec.test());
            // TAP is stable across Node versions; the parser also reads the spec reporter.
            case JAVASCRIPT -> List.of(runtime.toString(), "--test", "--test-reporter=tap", spec.test());
            case JAVA -> JavaCommand.of(Jdk.installed().orElseThrow(), spec.files(), spec.test(), spec.limits());
        };
    }

    /** Whether the runtime exists on this machine (for Java: blocking the first time, it probes the JDK once). */
    public boolean available() {
        return this == JAVA ? Jdk.installed().isPresent() : Files.isExecutable(runtime);
    }

    /**
     * Address space the runtime reserves without using, added to the memory limit where that
     * limit is an address-space rlimit (levels without a memory cgroup). A JVM reserves about
     * 400 MiB beyond its heap (the 128 MiB module image, class space, metaspace, code cache,
     * malloc arenas); its heap is capped at half the memory limit by {@code -Xmx}.
     */
    public long addressSpaceAllowance() {
        return this == JAVA ? 1024 * RunLimits.MIB : 0;
    }

    /** Host directories outside {@code /usr} the runtime reads, to be bound read-only into a sandbox. */
    public List<Path> hostConfigDirs() {
        return this == JAVA ? Jdk.installed().map(Jdk::hostConfigDirs).orElse(List.of()) : List.of();
    }

    public static Optional<Language> of(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /** Wire names of the languages whose runtime this machine has. */
    public static List<String> availableIds() {
        return Arrays.stream(values()).filter(Language::available).map(Language::id).toList();
    }
}
