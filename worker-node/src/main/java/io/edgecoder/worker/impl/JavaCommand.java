package io.edgecoder.worker.impl;

import io.edgecoder.worker.RunLimits;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command of one Java run: every {@code .java} file of the job compiled together with
 * {@code javac} into {@value #CLASSES} in the workspace, then the test file run as its class
 * with {@code java -ea}. Both JVMs are sized for a sandbox (serial GC, one CPU, C1 only, heap
 * half the run's memory, small fixed reservations and two malloc arenas so that, where memory is
 * an address-space rlimit, the limit plus {@link io.edgecoder.worker.Language#addressSpaceAllowance()}
 * fits them; no perf-data file in /tmp) and both count against the run's wall clock and CPU
 * time. A failed compilation ends the run with javac's exit code after printing
 * {@value #COMPILE_FAILED} to stderr.
 */
public final class JavaCommand {
    /** Where classes are written, relative to the workspace; job paths cannot start with a dot. */
    public static final String CLASSES = ".classes";
    /** Printed to stderr when javac fails, so the report says no test ran. */
    public static final String COMPILE_FAILED = "[edgecoder: compilation failed]";

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*)\\s*;");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    private JavaCommand() {
    }

    /** {@code /bin/sh -c <compile, then run>}; file names are single-quoted, so no job text is ever shell syntax. */
    public static List<String> of(Jdk jdk, Map<String, String> files, String test, RunLimits limits) {
        List<String> jvm = jvmFlags(limits);
        // Two malloc arenas instead of eight per core: each reserves 64 MiB of address space.
        StringBuilder script = new StringBuilder("export MALLOC_ARENA_MAX=2\n").append(quote(jdk.javac().toString()));
        jvm.forEach(flag -> script.append(" -J").append(flag));
        script.append(" -d ").append(CLASSES).append(" -encoding UTF-8 -proc:none");
        files.keySet().stream().filter(p -> p.endsWith(".java")).sorted().forEach(p -> script.append(' ').append(quote(p)));
        script.append(" || { rc=$?; echo '").append(COMPILE_FAILED).append("' >&2; exit $rc; }\n");
        script.append("exec ").append(quote(jdk.java().toString()));
        jvm.forEach(flag -> script.append(' ').append(flag));
        script.append(" -ea -Djava.io.tmpdir=\"${TMPDIR:-/tmp}\" -cp ").append(CLASSES).append(' ')
            .append(quote(className(test, files.get(test))));
        return List.of("/bin/sh", "-c", script.toString());
    }

    /** Flags for both JVMs; the heap is half the memory limit, the rest covers metaspace, code and the tmpfs workspace. */
    static List<String> jvmFlags(RunLimits limits) {
        long heapMib = Math.max(16, limits.memoryBytes() / 2 / RunLimits.MIB);
        return List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:ActiveProcessorCount=1",
            "-XX:MaxRAM=" + limits.memoryBytes(), "-Xmx" + heapMib + "m", "-XX:CompressedClassSpaceSize=64m",
            "-XX:ReservedCodeCacheSize=32m", "-XX:-UsePerfData");
    }

    /** {@code dir/FooTest.java} with {@code package a.b;} → {@code a.b.FooTest}. */
    public static String className(String testPath, String source) {
        String file = testPath.substring(testPath.lastIndexOf('/') + 1);
        String simple = file.endsWith(".java") ? file.substring(0, file.length() - ".java".length()) : file;
        Matcher m = PACKAGE.matcher(source == null ? "" : COMMENTS.matcher(source).replaceAll(" "));
        return m.find() ? m.group(1).replaceAll("\\s", "") + "." + simple : simple;
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
