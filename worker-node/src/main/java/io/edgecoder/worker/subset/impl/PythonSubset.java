package io.edgecoder.worker.subset.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.edgecoder.core.Json;
import io.edgecoder.core.MeshException;
import io.edgecoder.worker.subset.SubsetLimits;
import io.edgecoder.worker.subset.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Checks Python sources with Python's own {@code ast} module: runs the bundled
 * {@code subset/py_subset.py} in isolated mode ({@code -I -S -B}: no environment variables,
 * user site, site-packages or bytecode writes) under rlimits applied by prlimit, with the
 * sources as JSON on stdin and the violations as JSON on stdout. The script only parses.
 */
public final class PythonSubset {
    static final String SCRIPT_RESOURCE = "/subset/py_subset.py";
    private static final int MAX_REPLY_BYTES = 1 << 20;

    private final SubsetLimits limits;
    private final String script;

    public PythonSubset(SubsetLimits limits) {
        this.limits = limits;
        this.script = loadScript();
    }

    /** Checks the sources; blocking. */
    public List<Violation> check(SortedMap<String, String> files) {
        return reply(run(request(files))).violations();
    }

    /** The script's rule tables ({@code {"describe": true}}), for tests and documentation. */
    public Map<String, Object> describe() {
        BoundedProcess.Result result = run(Json.write(Map.of("describe", true)));
        if (result.exitCode() != 0) {
            throw failure(result);
        }
        return parse(result.stdout(), Json.MAPPER.getTypeFactory()
                .constructMapType(Map.class, String.class, Object.class));
    }

    /** prlimit, then python3 in isolated mode running {@code program}. */
    List<String> command(String program) {
        return List.of(limits.prlimit().toString(),
                "--as=" + limits.memoryBytes(),
                "--cpu=" + limits.cpuSeconds(),
                "--fsize=0", "--nofile=64", "--core=0", "--",
                limits.python().toString(), "-I", "-S", "-B", "-c", program);
    }

    private String request(SortedMap<String, String> files) {
        List<Map<String, String>> list = new ArrayList<>();
        files.forEach((path, source) -> list.add(Map.of("path", path, "source", source)));
        return Json.write(Map.of("files", list, "maxViolations", limits.maxViolations()));
    }

    private BoundedProcess.Result run(String json) {
        requireExecutable(limits.python());
        requireExecutable(limits.prlimit());
        try {
            return BoundedProcess.run(command(script), json.getBytes(StandardCharsets.UTF_8),
                    limits.timeout(), MAX_REPLY_BYTES);
        } catch (IOException e) {
            throw MeshException.unavailable("cannot start the Python subset checker: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MeshException.unavailable("the Python subset check was interrupted");
        }
    }

    private Reply reply(BoundedProcess.Result result) {
        if (result.timedOut()) {
            return tooComplex("the sources took longer than " + limits.timeout().toSeconds()
                    + " s to parse");
        }
        if (result.exitCode() > 128 || result.stderr().contains("MemoryError")) {
            // Killed by the CPU or memory rlimit: the input, not the checker, is at fault.
            return tooComplex("parsing the sources exceeded the checker's CPU or memory limit");
        }
        if (result.exitCode() != 0 || result.stdoutTruncated()) {
            throw failure(result);
        }
        return parse(result.stdout(), Json.MAPPER.getTypeFactory().constructType(Reply.class));
    }

    private static Reply tooComplex(String message) {
        return new Reply(List.of(new Violation("", 0, 0, "too-complex", message)));
    }

    private static MeshException failure(BoundedProcess.Result result) {
        String detail = result.stderr().lines().reduce((a, b) -> b).orElse("no output");
        return MeshException.unavailable("the Python subset checker failed (exit "
                + result.exitCode() + "): " + detail);
    }

    private static <T> T parse(String text, com.fasterxml.jackson.databind.JavaType type) {
        try {
            return Json.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw MeshException.unavailable("the Python subset checker replied malformed JSON");
        }
    }

    private static void requireExecutable(java.nio.file.Path path) {
        if (!Files.isExecutable(path)) {
            throw MeshException.unavailable(path + " is missing; the restricted Python check needs it");
        }
    }

    private static String loadScript() {
        try (InputStream in = PythonSubset.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCRIPT_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script's answer. */
    record Reply(List<Violation> violations) {
    }
}
