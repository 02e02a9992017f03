package io.edgecoder.worker.subset.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.worker.subset.SubsetLimits;
import io.edgecoder.worker.subset.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Checks the shape and size of a request before any parser sees it. */
public final class SourceGate {
    private SourceGate() {
    }

    /** The sources ordered by path; a blank path or a missing source is the caller's error. */
    public static SortedMap<String, String> validate(Map<String, String> sources) {
        if (sources == null) {
            throw MeshException.badRequest("no sources to check");
        }
        SortedMap<String, String> files = new TreeMap<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw MeshException.badRequest("a source has no path");
            }
            if (e.getValue() == null) {
                throw MeshException.badRequest("source " + e.getKey() + " has no text");
            }
            files.put(e.getKey(), e.getValue());
        }
        return files;
    }

    /** {@code too-large} violations for the request and for each file over the limits. */
    public static List<Violation> oversized(SortedMap<String, String> files, SubsetLimits limits) {
        List<Violation> found = new ArrayList<>();
        if (files.size() > limits.maxFiles()) {
            found.add(new Violation("", 0, 0, "too-large",
                    files.size() + " files; a restricted job may have at most " + limits.maxFiles()));
        }
        long total = 0;
        for (Map.Entry<String, String> e : files.entrySet()) {
            long bytes = e.getValue().getBytes(StandardCharsets.UTF_8).length;
            total += bytes;
            if (bytes > limits.maxFileBytes()) {
                found.add(new Violation(e.getKey(), 0, 0, "too-large",
                        bytes + " bytes; a restricted source may have at most " + limits.maxFileBytes()));
            }
        }
        if (total > limits.maxTotalBytes()) {
            found.add(new Violation("", 0, 0, "too-large",
                    total + " bytes in all; a restricted job may have at most " + limits.maxTotalBytes()));
        }
        return found;
    }
}
