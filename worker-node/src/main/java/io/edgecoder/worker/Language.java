package io.edgecoder.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The languages a worker can run tests in, each bound to one absolute runtime path (never the
 * first one on PATH: version managers put their own interpreters there).
 */
public enum Language {
    PYTHON("python", Path.of("/usr/bin/python3")),
    JAVASCRIPT("javascript", Path.of("/usr/bin/node"));

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

    /** The command that runs one test file, relative to the workspace as working directory. */
    public List<String> testCommand(String test) {
        return switch (this) {
            // -B: no .pyc files; -E -s: ignore PYTHON* variables and the user site directory.
            case PYTHON -> List.of(runtime.toString(), "-B", "-E", "-s", "-m", "unittest", "-v", test);
            // TAP is stable across Node versions; the parser also reads the spec reporter.
            case JAVASCRIPT -> List.of(runtime.toString(), "--test", "--test-reporter=tap", test);
        };
    }

    /** Whether the runtime exists on this machine. */
    public boolean available() {
        return Files.isExecutable(runtime);
    }

    public static Optional<Language> of(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /** Wire names of the languages whose runtime this machine has. */
    public static List<String> availableIds() {
        return Arrays.stream(values()).filter(Language::available).map(Language::id).toList();
    }
}
