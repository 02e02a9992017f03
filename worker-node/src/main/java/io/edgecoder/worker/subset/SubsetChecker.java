package io.edgecoder.worker.subset;

import io.edgecoder.core.MeshException;
import io.edgecoder.worker.subset.impl.JavaScriptSubset;
import io.edgecoder.worker.subset.impl.PythonSubset;
import io.edgecoder.worker.subset.impl.SourceGate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The static check of restricted jobs: parses Python and JavaScript sources with real parsers
 * and reports every use of a refused process, network, native-code or dynamic-evaluation
 * facility (the list and its reasons: docs/restricted.md). Parsing never runs the code.
 *
 * <p>This is policy, not isolation: it narrows what a restricted job may ask for, while the
 * sandbox is what contains it. The API blocks (the Python check spawns a process, the
 * JavaScript check parses on its own thread): call it from a worker thread or
 * {@code executeBlocking}, never on an event loop. Instances are immutable and thread-safe.
 */
public final class SubsetChecker {
    public static final String PYTHON = "python";
    public static final String JAVASCRIPT = "javascript";

    private final SubsetLimits limits;
    private final PythonSubset python;
    private final JavaScriptSubset javascript;

    public SubsetChecker() {
        this(SubsetLimits.defaults());
    }

    public SubsetChecker(SubsetLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.python = new PythonSubset(limits);
        this.javascript = new JavaScriptSubset(limits);
    }

    /** Whether {@link #check} accepts this language id ({@code python} or {@code javascript}). */
    public static boolean supports(String language) {
        return PYTHON.equals(language) || JAVASCRIPT.equals(language);
    }

    /**
     * Checks every source; an empty list means the job may run as restricted. Syntax errors,
     * sources over the size limits and sources too deeply nested to parse are violations too
     * ({@code syntax}, {@code too-large}, {@code too-complex}). Violations are ordered by path,
     * then line and column.
     *
     * @param language {@code python} or {@code javascript}
     * @param sources path → source text
     * @throws MeshException BAD_REQUEST for an unknown language, a blank path or a missing
     *     source; UNAVAILABLE when the Python checker cannot run (no python3 or prlimit)
     */
    public List<Violation> check(String language, Map<String, String> sources) {
        if (!supports(language)) {
            throw MeshException.badRequest("restricted jobs must be python or javascript, not " + language);
        }
        SortedMap<String, String> files = SourceGate.validate(sources);
        List<Violation> oversized = SourceGate.oversized(files, limits);
        if (!oversized.isEmpty()) {
            return oversized;
        }
        return PYTHON.equals(language) ? python.check(files) : javascript.check(files);
    }
}
