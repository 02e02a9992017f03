package io.edgecoder.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Builders of run specs and probes of the host, shared by the sandbox tests. */
public final class Runs {
    private Runs() {
    }

    public static RunSpec python(String testBody, int timeoutSeconds) {
        return spec(Language.PYTHON, "test_case.py", pythonTest(testBody), timeoutSeconds, RunLimits.defaults());
    }

    public static RunSpec spec(Language language, String test, String content, int timeoutSeconds, RunLimits limits) {
        return new RunSpec(language, Map.of(test, content), test, Duration.ofSeconds(timeoutSeconds), limits);
    }

    /** A Java run of {@code files} whose test file is {@code test}. */
    public static RunSpec java(Map<String, String> files, String test, int timeoutSeconds) {
        return new RunSpec(Language.JAVA, files, test, Duration.ofSeconds(timeoutSeconds), RunLimits.defaults());
    }

    /** A Java test class {@code name} whose {@code main} body is {@code body}. */
    public static String javaMain(String name, String body) {
        StringBuilder out = new StringBuilder("public class " + name + " {\n    public static void main(String[] args) throws Exception {\n");
        body.lines().forEach(line -> out.append("        ").append(line).append('\n'));
        return out.append("    }\n}\n").toString();
    }

    /** A unittest module with one test method whose body is {@code body} (indented by the caller's lines). */
    public static String pythonTest(String body) {
        StringBuilder out = new StringBuilder("import os, sys, subprocess, socket, time, signal\nimport unittest\n\n"
            + "class Case(unittest.TestCase):\n    def test_case(self):\n");
        body.lines().forEach(line -> out.append("        ").append(line).append('\n'));
        return out.toString();
    }

    /** A number unlikely to appear in any other process's command line (also a valid sleep(1) argument). */
    public static String marker() {
        return "4" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
    }

    /** Live processes whose command line contains {@code token}. */
    public static List<Long> processesWith(String token) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                .filter(p -> cmdline(p).contains(token))
                .map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Entries left in a work directory. */
    public static List<Path> leftovers(Path workDir) {
        if (!Files.exists(workDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(workDir)) {
            return entries.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
