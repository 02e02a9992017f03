package io.edgecoder.worker.impl;

import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The runtime of a pre-started sandbox. Python ({@code warm/python_loader.py}): started with the
 * same flags as a cold run, it loads unittest, writes {@link #READY} on standard output and waits
 * for one job on standard input, framed as {@code <length>:<bytes>} fields: the CPU seconds, the
 * test file, then each file's path and content (UTF-8, as the cold path's tar carries them).
 * It then runs exactly what {@code python3 -B -E -s -m unittest -v <test>} runs, so its output
 * goes through the same parser and verdict rules. JavaScript ({@code warm/node_loader.js}): node
 * with its test runner loaded reads the same frame and runs what {@code node --test
 * --test-reporter=tap <test>} runs, through the same runner, which starts the test file in a
 * fresh node process of its own.
 */
final class WarmLoader {
    static final byte[] READY = "edgecoder-warm-ready\n".getBytes(StandardCharsets.US_ASCII);
    /** The loader's exit code when it failed before the job's code ran (with {@link #FAILED_MARK} on stderr). */
    static final int FAILED_EXIT = 117;
    static final String FAILED_MARK = "edgecoder-warm: ";
    /** The CPU priority a pre-started sandbox waits at: its start uses only CPU nothing else wants. */
    static final int IDLE_NICE = 19;
    /** The languages with pre-started sandboxes. */
    static final List<Language> LANGUAGES = List.of(Language.PYTHON, Language.JAVASCRIPT);
    static final int LANGUAGE_COUNT = 2;
    private static final String PYTHON_SOURCE = load("/warm/python_loader.py");
    private static final String NODE_SOURCE = load("/warm/node_loader.js");
    private static final int WORKER_NICE = readWorkerNice();

    private WarmLoader() {
    }

    /** The command started inside a pre-started sandbox of {@code language} (one of {@link #LANGUAGES}). */
    static List<String> command(Language language) {
        return switch (language) {
            case PYTHON -> List.of(Language.PYTHON.runtime().toString(), "-B", "-E", "-s", "-c", PYTHON_SOURCE);
            // The loader clears its own exec arguments before the runner passes them on to the test process.
            case JAVASCRIPT -> List.of(Language.JAVASCRIPT.runtime().toString(), "-e", NODE_SOURCE);
            default -> throw new IllegalArgumentException("no pre-started sandboxes for " + language.id());
        };
    }

    /** Whether {@code spec} may run in a sandbox pre-started with {@code limits}. */
    static boolean eligible(RunSpec spec, RunLimits limits) {
        return LANGUAGES.contains(spec.language()) && spec.limits().equals(limits);
    }

    /** The job as the loader reads it. */
    static byte[] frame(RunSpec spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, Long.toString(ResultAssembler.cpuSeconds(spec)));
        field(out, spec.test());
        spec.files().forEach((path, content) -> {
            JobSpecs.checkPath(path);
            field(out, path);
            field(out, content);
        });
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    /**
     * Whether a warm run says nothing certain about the tests, so the job must run cold: the
     * loader failed before the job's code (or the code faked that; a cold run costs only time),
     * or the run ended as an infrastructure outcome. A run stopped by the worker or a
     * cancellation is certain: it must not start again.
     */
    static boolean unsure(Outcome outcome, RunResult result) {
        if (outcome.killReason() == Outcome.KillReason.STOPPED) {
            return false;
        }
        boolean loaderFailed = outcome.exitCode() != null && outcome.exitCode() == FAILED_EXIT
            && outcome.stderr().startsWith(FAILED_MARK);
        return loaderFailed || result.status() == SubtaskStatus.ERROR || result.status() == SubtaskStatus.INCOMPLETE;
    }

    /**
     * Returns every process of {@code uid} (a pre-started sandbox's own uid, so only its
     * processes) from the idle priority it started at to the worker's own, which a cold run
     * inherits; done once it is ready (it then only waits), so no job waits for it. False when
     * that failed: the sandbox is not used, since its job must not run at the idle priority.
     */
    static boolean resume(int uid) {
        try {
            Process renice = new ProcessBuilder("/usr/bin/renice", "-n", Integer.toString(WORKER_NICE), "-u", Integer.toString(uid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return renice.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && renice.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int readWorkerNice() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // Field 19 (nice); fields after the command name start at field 3.
            int nice = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[16]);
            return Math.max(-20, Math.min(IDLE_NICE, nice));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String load(String resource) {
        try (InputStream in = WarmLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the worker's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
