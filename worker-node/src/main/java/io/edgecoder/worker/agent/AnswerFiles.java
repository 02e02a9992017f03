package io.edgecoder.worker.agent;

import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files in a model's answer: fenced code blocks whose opening line names the path
 * ({@code ```python path=calc.py}, {@code ```calc.py}) or whose preceding line does
 * ({@code calc.py:}, {@code **calc.py**}, {@code ### File: calc.py}). A single unnamed block is
 * taken for the only file the agent may write, when there is exactly one. Test files, unsafe paths
 * and blocks beyond the bounds are left out, each with the reason, which the next prompt repeats.
 */
public final class AnswerFiles {
    private static final Pattern FENCE = Pattern.compile("^(`{3,}|~{3,})\\s*(.*)$");
    private static final Pattern KEYED = Pattern.compile("(?:path|file|filename)=[\"']?([^\"'\\s]+)[\"']?");
    private static final Pattern LABEL = Pattern.compile(
        "^[#>*\\s`_-]*(?:(?:file|filename|path)\\s*:\\s*)?[*`_]*([A-Za-z0-9_][A-Za-z0-9._/-]*)[*`_]*\\s*:?[*`_\\s]*$",
        Pattern.CASE_INSENSITIVE);

    /** The files found and what was left out. */
    public record Answer(Map<String, String> files, List<String> ignored) {
    }

    private AnswerFiles() {
    }

    /**
     * Parses {@code text}; {@code tests} may not be written, {@code soleTarget} (or null) receives a
     * single unnamed block.
     */
    public static Answer parse(String text, Set<String> tests, String soleTarget) {
        List<String> lines = text == null ? List.of() : text.lines().toList();
        Map<String, String> files = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                i++;
                continue;
            }
            int close = closing(lines, i + 1, fence.group(1));
            String content = String.join("\n", lines.subList(i + 1, close)) + "\n";
            String path = pathOf(fence.group(2), i > 0 ? previousLine(lines, i) : null);
            if (path == null) {
                unnamed.add(content);
            } else {
                keep(files, ignored, path, content, tests);
            }
            i = close + 1;
        }
        if (files.isEmpty() && unnamed.size() == 1 && soleTarget != null) {
            keep(files, ignored, soleTarget, unnamed.get(0), tests);
        } else if (!unnamed.isEmpty() && files.isEmpty()) {
            ignored.add(unnamed.size() + " code block(s) did not name their file");
        }
        return new Answer(files, ignored);
    }

    private static int closing(List<String> lines, int from, String fence) {
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(fence) && line.chars().allMatch(c -> c == fence.charAt(0))) {
                return i;
            }
        }
        return lines.size();
    }

    private static String previousLine(List<String> lines, int fenceLine) {
        for (int i = fenceLine - 1; i >= Math.max(0, fenceLine - 2); i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i);
            }
        }
        return null;
    }

    /** The path named by the fence's info string, else by the line before it; null when neither names one. */
    static String pathOf(String info, String before) {
        Matcher keyed = KEYED.matcher(info);
        if (keyed.find()) {
            return keyed.group(1);
        }
        for (String token : info.split("\\s+")) {
            if (looksLikePath(token)) {
                return token;
            }
        }
        if (before != null) {
            Matcher label = LABEL.matcher(before.strip());
            if (label.matches() && looksLikePath(label.group(1))) {
                return label.group(1);
            }
        }
        return null;
    }

    private static boolean looksLikePath(String token) {
        return token.matches("[A-Za-z0-9_][A-Za-z0-9._/-]*\\.[A-Za-z0-9]+");
    }

    private static void keep(Map<String, String> files, List<String> ignored, String path, String content, Set<String> tests) {
        if (tests.contains(path)) {
            ignored.add(path + ": a test file; tests are never changed");
            return;
        }
        try {
            JobSpecs.checkPath(path);
        } catch (MeshException e) {
            ignored.add(e.getMessage());
            return;
        }
        if (files.size() >= JobSpecs.MAX_FILES) {
            ignored.add(path + ": more than " + JobSpecs.MAX_FILES + " files");
            return;
        }
        files.put(path, content);
    }
}
