package io.edgecoder.worker.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Unified diffs (three lines of context) between two sets of files, for the agent's steps. Lines
 * are matched by a longest-common-subsequence table; a file pair too large for the table
 * ({@value #MAX_CELLS} cells) is shown as wholly replaced, which is still a correct diff.
 */
public final class FileDiff {
    static final int MAX_CELLS = 1_000_000;
    private static final int CONTEXT = 3;

    private FileDiff() {
    }

    /** The diff of every file that differs between {@code before} and {@code after}, paths in order; empty when none. */
    public static String of(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        StringBuilder out = new StringBuilder();
        for (String path : paths) {
            String a = before.get(path);
            String b = after.get(path);
            if (a == null || !a.equals(b)) {
                file(out, path, a, b);
            }
        }
        return out.toString();
    }

    private static void file(StringBuilder out, String path, String a, String b) {
        out.append("--- ").append(a == null ? "/dev/null" : "a/" + path).append('\n');
        out.append("+++ ").append(b == null ? "/dev/null" : "b/" + path).append('\n');
        List<Op> ops = ops(lines(a), lines(b));
        hunks(out, ops);
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }

    /** One line of the edit script: kept (' '), removed ('-') or added ('+'), with its line numbers. */
    private record Op(char kind, String line, int oldLine, int newLine) {
    }

    private static List<Op> ops(List<String> a, List<String> b) {
        if ((long) (a.size() + 1) * (b.size() + 1) > MAX_CELLS) {
            return replaced(a, b);
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), ++i, ++j));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', a.get(i), ++i, j));
            } else {
                ops.add(new Op('+', b.get(j), i, ++j));
            }
        }
        return ops;
    }

    private static List<Op> replaced(List<String> a, List<String> b) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ops.add(new Op('-', a.get(i), i + 1, 0));
        }
        for (int j = 0; j < b.size(); j++) {
            ops.add(new Op('+', b.get(j), a.size(), j + 1));
        }
        return ops;
    }

    /** Groups changes with up to {@value #CONTEXT} lines of context around them into hunks. */
    private static void hunks(StringBuilder out, List<Op> ops) {
        int k = 0;
        while (k < ops.size()) {
            int change = next(ops, k);
            if (change < 0) {
                return;
            }
            int start = Math.max(k, change - CONTEXT);
            int end = change;
            int c = change;
            while (c >= 0 && c - end <= 2 * CONTEXT) {
                end = lastChangeFrom(ops, c);
                c = next(ops, end + 1);
            }
            int stop = Math.min(ops.size(), end + 1 + CONTEXT);
            hunk(out, ops.subList(start, stop));
            k = stop;
        }
    }

    private static int next(List<Op> ops, int from) {
        for (int i = from; i < ops.size(); i++) {
            if (ops.get(i).kind() != ' ') {
                return i;
            }
        }
        return -1;
    }

    private static int lastChangeFrom(List<Op> ops, int from) {
        int i = from;
        while (i + 1 < ops.size() && ops.get(i + 1).kind() != ' ') {
            i++;
        }
        return i;
    }

    private static void hunk(StringBuilder out, List<Op> ops) {
        int oldCount = (int) ops.stream().filter(o -> o.kind() != '+').count();
        int newCount = (int) ops.stream().filter(o -> o.kind() != '-').count();
        int oldStart = ops.stream().filter(o -> o.kind() != '+').mapToInt(Op::oldLine).findFirst().orElse(ops.get(0).oldLine());
        int newStart = ops.stream().filter(o -> o.kind() != '-').mapToInt(Op::newLine).findFirst().orElse(ops.get(0).newLine());
        out.append("@@ -").append(oldStart).append(',').append(oldCount)
            .append(" +").append(newStart).append(',').append(newCount).append(" @@\n");
        ops.forEach(o -> out.append(o.kind()).append(o.line()).append('\n'));
    }
}
