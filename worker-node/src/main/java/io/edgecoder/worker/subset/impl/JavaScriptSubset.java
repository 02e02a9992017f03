package io.edgecoder.worker.subset.impl;

import com.oracle.js.parser.ParserException;
import com.oracle.js.parser.ir.FunctionNode;
import io.edgecoder.core.MeshException;
import io.edgecoder.worker.subset.SubsetLimits;
import io.edgecoder.worker.subset.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks JavaScript sources with the GraalJS parser in this JVM. Parsing and the rule walk
 * are recursive, so they run on a fresh thread with a fixed stack: a source nested deeper
 * than that stack allows is refused as {@code too-complex} instead of failing the caller.
 * The parser only builds a tree; nothing is evaluated.
 */
public final class JavaScriptSubset {
    private static final Logger LOG = LoggerFactory.getLogger(JavaScriptSubset.class);

    private final SubsetLimits limits;

    public JavaScriptSubset(SubsetLimits limits) {
        this.limits = limits;
    }

    /** Checks the sources; blocking. */
    public List<Violation> check(SortedMap<String, String> files) {
        Progress progress = new Progress();
        FutureTask<List<Violation>> task = new FutureTask<>(() -> checkAll(files, progress));
        Thread thread = new Thread(null, task, "subset-javascript", limits.parserStackBytes());
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The parser is linear in the (size-capped) input, so the thread ends on its own.
            thread.interrupt();
            return List.of(new Violation(progress.file, 0, 0, "too-complex",
                    "the source took longer than " + limits.timeout().toSeconds() + " s to parse"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MeshException.unavailable("the JavaScript subset check was interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the JavaScript subset check failed", e.getCause());
        }
    }

    private List<Violation> checkAll(SortedMap<String, String> files, Progress progress) {
        List<Violation> found = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            progress.file = file.getKey();
            found.addAll(checkFile(file.getKey(), file.getValue()));
            if (found.size() >= limits.maxViolations()) {
                return List.copyOf(found.subList(0, limits.maxViolations()));
            }
        }
        return found;
    }

    private static List<Violation> checkFile(String path, String text) {
        try {
            FunctionNode program = JsParse.parse(path, text);
            return JsRules.check(path, program);
        } catch (ParserException e) {
            return List.of(new Violation(path, Math.max(0, e.getLineNumber()),
                    Math.max(0, e.getColumnNumber() + 1), "syntax", "syntax error: " + JsParse.message(e)));
        } catch (StackOverflowError e) {
            return List.of(new Violation(path, 0, 0, "too-complex",
                    "the source is nested too deeply to parse"));
        } catch (RuntimeException e) {
            // Fail closed: a source the parser or the walk chokes on is refused, never allowed.
            LOG.warn("JavaScript subset check could not read {}", path, e);
            return List.of(new Violation(path, 0, 0, "syntax",
                    "the parser could not read this source (" + e.getClass().getSimpleName() + ")"));
        }
    }

    /** Which file the parser thread is on, for the timeout report. */
    private static final class Progress {
        volatile String file = "";
    }
}
