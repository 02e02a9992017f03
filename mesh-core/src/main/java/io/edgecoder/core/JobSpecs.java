package io.edgecoder.core;

import io.edgecoder.core.message.JobSubmitRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation and normalisation of job specifications, shared by every intake (portal,
 * coordinator, CLI) so a bad field is reported the same way everywhere: a
 * {@link ErrorCode#BAD_REQUEST} whose message starts with the field name.
 */
public final class JobSpecs {
    public static final int MAX_FILES = 200;
    public static final long MAX_TOTAL_BYTES = 2L * 1024 * 1024;
    public static final int MAX_TITLE = 200;
    public static final int MAX_PATH = 255;
    public static final int MIN_TIMEOUT = 1;
    public static final int MAX_TIMEOUT = 600;
    public static final int DEFAULT_TIMEOUT = 60;
    public static final String LOCAL_ONLY = "local-only";
    /** Characters of an agent job's prompt. */
    public static final int MAX_PROMPT = 32 * 1024;
    public static final int DEFAULT_ITERATIONS = 4;
    public static final int MAX_ITERATIONS = 10;
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}");
    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String MESH = "mesh";
    public static final Map<String, List<String>> TEST_SUFFIXES = Map.of(
        "python", List.of(".py"),
        "javascript", List.of(".js", ".mjs", ".cjs"),
        "java", List.of(".java"));

    /** Languages whose sources the restricted subset check can parse. */
    public static final java.util.Set<String> RESTRICTED_LANGUAGES = java.util.Set.of("python", "javascript");

    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private JobSpecs() {
    }

    /**
     * Validates and fills defaults (locality local-only, timeout 60 s, not restricted; for an agent
     * job {@value #DEFAULT_ITERATIONS} iterations).
     */
    public static JobSubmitRequest validate(JobSubmitRequest job) {
        if (job == null) {
            throw MeshException.badRequest("body: a JSON object is required");
        }
        String title = title(job.title());
        String language = language(job.language());
        Map<String, String> files = files(job.files());
        List<String> tests = tests(job.tests(), files, language);
        String locality = locality(job.locality());
        int timeout = timeout(job.timeoutSeconds());
        boolean restricted = Boolean.TRUE.equals(job.restricted());
        Agent agent = agent(job, locality, restricted);
        return new JobSubmitRequest(title, language, files, tests, locality, timeout, job.requester(), restricted,
            org(job.requesterOrg()), agent.prompt(), agent.model(), agent.maxIterations(), agent.allowRemote(),
            priority(job.priority()), job.deadline(), planModel(job.planModel()),
            JobIntake.checkKey(job.idempotencyKey(), "idempotencyKey"));
    }

    /** The model asked to plan the job, if any: 1..128 characters. */
    private static String planModel(String model) {
        if (model == null) {
            return null;
        }
        if (model.isBlank() || model.length() > 128) {
            throw MeshException.badRequest("planModel: a model name of 1..128 characters, or leave it out");
        }
        return model.trim();
    }

    /** Priority when a job names none; 0 is the lowest, 9 the highest. */
    public static final int DEFAULT_PRIORITY = 5;

    private static int priority(Integer priority) {
        if (priority == null) {
            return DEFAULT_PRIORITY;
        }
        if (priority < 0 || priority > 9) {
            throw MeshException.badRequest("priority: must be within 0..9, got " + priority);
        }
        return priority;
    }

    /** The agent fields of a job, validated (all null for a job without a prompt). */
    private record Agent(String prompt, String model, Integer maxIterations, String allowRemote) {
    }

    private static Agent agent(JobSubmitRequest job, String locality, boolean restricted) {
        if (job.prompt() == null) {
            if (job.model() != null || job.maxIterations() != null || job.allowRemote() != null) {
                throw MeshException.badRequest("prompt: model, maxIterations and allowRemote are options of a prompt;"
                    + " give a prompt or leave them out");
            }
            return new Agent(null, null, null, null);
        }
        if (restricted) {
            throw MeshException.badRequest("restricted: not available with a prompt (the model's files would run unchecked)");
        }
        return new Agent(prompt(job.prompt()), model(job.model()), iterations(job.maxIterations()),
            allowRemote(job.allowRemote(), locality));
    }

    private static String prompt(String prompt) {
        if (prompt.isBlank()) {
            throw MeshException.badRequest("prompt: must not be blank");
        }
        if (prompt.length() > MAX_PROMPT) {
            throw MeshException.badRequest("prompt: at most " + MAX_PROMPT + " characters, got " + prompt.length());
        }
        checkText("prompt:", "a prompt", prompt);
        return prompt;
    }

    private static String model(String model) {
        if (model == null || !MODEL.matcher(model).matches()) {
            throw MeshException.badRequest("model: required with a prompt, 1..128 letters, digits or . _ : / @ + -"
                + (model == null ? "" : ", got '" + clip(model) + "'"));
        }
        return model;
    }

    private static int iterations(Integer n) {
        if (n == null) {
            return DEFAULT_ITERATIONS;
        }
        if (n < 1 || n > MAX_ITERATIONS) {
            throw MeshException.badRequest("maxIterations: must be within 1.." + MAX_ITERATIONS + ", got " + n);
        }
        return n;
    }

    private static String allowRemote(String provider, String locality) {
        if (provider == null) {
            return null;
        }
        if (!PROVIDER.matcher(provider).matches()) {
            throw MeshException.badRequest("allowRemote: a provider name of 1..64 letters, digits, '.', '_' or '-', got '"
                + clip(provider) + "'");
        }
        if (LOCAL_ONLY.equals(locality)) {
            throw MeshException.badRequest("allowRemote: a local-only job never goes to a remote provider;"
                + " submit it with locality mesh or leave allowRemote out");
        }
        return provider;
    }

    private static String title(String title) {
        if (title == null || title.isBlank()) {
            throw MeshException.badRequest("title: required, a non-empty string");
        }
        if (title.length() > MAX_TITLE) {
            throw MeshException.badRequest("title: at most " + MAX_TITLE + " characters");
        }
        return title.strip();
    }

    private static String language(String language) {
        if (language == null || !TEST_SUFFIXES.containsKey(language)) {
            throw MeshException.badRequest("language: must be one of " + String.join(", ", TEST_SUFFIXES.keySet().stream().sorted().toList())
                + (language == null ? "" : ", got '" + clip(language) + "'"));
        }
        return language;
    }

    private static Map<String, String> files(Map<String, String> files) {
        if (files == null || files.isEmpty()) {
            throw MeshException.badRequest("files: required, an object of path to content with at least one file");
        }
        if (files.size() > MAX_FILES) {
            throw MeshException.badRequest("files: at most " + MAX_FILES + " files, got " + files.size());
        }
        long total = 0;
        for (Map.Entry<String, String> e : files.entrySet()) {
            checkPath(e.getKey());
            if (e.getValue() == null) {
                throw MeshException.badRequest("files: content of '" + clip(e.getKey()) + "' must be a string");
            }
            checkText("files: content of '" + clip(e.getKey()) + "'", "files", e.getValue());
            total += e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (total > MAX_TOTAL_BYTES) {
                throw MeshException.badRequest("files: total size exceeds " + MAX_TOTAL_BYTES + " bytes (2 MiB)");
            }
        }
        checkNoFileIsADirectory(files.keySet());
        return new LinkedHashMap<>(files);
    }

    /**
     * File content must be text that UTF-8 can carry and a sandbox can write: no NUL character
     * and no unpaired UTF-16 surrogate (what a JSON escape of half a surrogate pair decodes to).
     */
    private static void checkText(String what, String kind, String content) {
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == 0) {
                throw MeshException.badRequest(what + " contains a NUL character"
                    + " (at character " + i + "); " + kind + " must be text");
            }
            if (Character.isHighSurrogate(c) && i + 1 < content.length() && Character.isLowSurrogate(content.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw MeshException.badRequest(what + " is not valid UTF-8 text"
                    + " (at character " + i + ")");
            }
        }
    }

    /** No path may also be a directory of another ({@code a} and {@code a/b.py}): a workspace cannot hold both. */
    private static void checkNoFileIsADirectory(Set<String> paths) {
        for (String path : paths) {
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                String dir = path.substring(0, slash);
                if (paths.contains(dir)) {
                    throw MeshException.badRequest("files: '" + clip(dir) + "' is a file and also the directory of '"
                        + clip(path) + "'");
                }
            }
        }
    }

    /** A relative path inside the workspace: no '..', no absolute path, portable characters. */
    public static void checkPath(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_PATH) {
            throw MeshException.badRequest("files: each path must be 1.." + MAX_PATH + " characters");
        }
        if (path.startsWith("/") || path.startsWith("\\")) {
            throw MeshException.badRequest("files: path '" + clip(path) + "' is absolute; paths must be relative to the workspace");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                throw MeshException.badRequest("files: path '" + clip(path) + "' escapes the workspace ('..')");
            }
            if (!SAFE_SEGMENT.matcher(segment).matches()) {
                throw MeshException.badRequest("files: path '" + clip(path)
                    + "' has an empty or unsafe segment (allowed: letters, digits, '.', '_', '-', separated by '/')");
            }
        }
    }

    private static List<String> tests(List<String> tests, Map<String, String> files, String language) {
        if (tests == null || tests.isEmpty()) {
            throw MeshException.badRequest("tests: required, a non-empty list of test file paths");
        }
        Set<String> seen = new HashSet<>();
        for (String test : tests) {
            if (test == null || !files.containsKey(test)) {
                throw MeshException.badRequest("tests: '" + clip(String.valueOf(test)) + "' is not one of the files");
            }
            if (!seen.add(test)) {
                throw MeshException.badRequest("tests: '" + clip(test) + "' is listed twice");
            }
            if (TEST_SUFFIXES.get(language).stream().noneMatch(test::endsWith)) {
                throw MeshException.badRequest("tests: '" + clip(test) + "' must end with one of " + TEST_SUFFIXES.get(language)
                    + " for language " + language);
            }
        }
        return List.copyOf(tests);
    }

    private static String locality(String locality) {
        if (locality == null) {
            return LOCAL_ONLY;
        }
        if (!locality.equals(LOCAL_ONLY) && !locality.equals(MESH)) {
            throw MeshException.badRequest("locality: must be 'local-only' or 'mesh', got '" + clip(locality) + "'");
        }
        return locality;
    }

    private static String org(String org) {
        if (org != null && !org.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw MeshException.badRequest("requesterOrg: 1..64 letters, digits, '.', '_' or '-'");
        }
        return org;
    }

    private static int timeout(Integer seconds) {
        if (seconds == null) {
            return DEFAULT_TIMEOUT;
        }
        if (seconds < MIN_TIMEOUT || seconds > MAX_TIMEOUT) {
            throw MeshException.badRequest("timeoutSeconds: must be within " + MIN_TIMEOUT + ".." + MAX_TIMEOUT + ", got " + seconds);
        }
        return seconds;
    }

    private static String clip(String s) {
        String printable = s.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }
}
