package io.edgecoder.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.JobSubmitRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad job of issue 2 item 4 is answered 400 with a message that starts with the name of
 * the offending field, and never reaches the coordinator.
 */
class JobValidationIT {
    @AutoClose
    private final PortalHarness portal = PortalHarness.start();
    private final List<JobSubmitRequest> forwarded = portal.queueingCoordinator();

    static Stream<Arguments> badJobs() {
        return Stream.of(
            bad("unknown language", "language", j -> j.put("language", "cobol")),
            bad("missing language", "language", j -> without(j, "language")),
            bad("language not a string", "language", j -> j.put("language", 3)),
            bad("empty tests", "tests", j -> j.put("tests", new JsonArray())),
            bad("missing tests", "tests", j -> without(j, "tests")),
            bad("tests not a list", "tests", j -> j.put("tests", "test_calc.py")),
            bad("a test entry not a string", "tests", j -> j.put("tests", new JsonArray().add(7))),
            bad("a test not in files", "tests", j -> j.put("tests", new JsonArray().add("test_other.py"))),
            bad("a test listed twice", "tests", j -> j.put("tests", new JsonArray().add("test_calc.py").add("test_calc.py"))),
            bad("a test with the wrong suffix", "tests", j -> j.put("tests", new JsonArray().add("calc.txt"))
                .put("files", j.getJsonObject("files").copy().put("calc.txt", "x"))),
            bad("path with '..'", "files", j -> addFile(j, "../escape.py", "x = 1\n")),
            bad("path with '..' inside", "files", j -> addFile(j, "pkg/../../escape.py", "x = 1\n")),
            bad("absolute path", "files", j -> addFile(j, "/etc/passwd", "root\n")),
            bad("more than 200 files", "files", JobValidationIT::tooManyFiles),
            bad("more than 2 MiB in total", "files", j -> addFile(j, "big.txt", "a".repeat(2 * 1024 * 1024))),
            bad("missing files", "files", j -> without(j, "files")),
            bad("empty files", "files", j -> j.put("files", new JsonObject())),
            bad("files not an object", "files", j -> j.put("files", new JsonArray().add("calc.py"))),
            bad("file content not a string", "files", j -> addFile(j, "data.py", 42)),
            bad("a NUL character in file content", "files", j -> addFile(j, "data.py", "x = 1\u0000\n")),
            bad("a file that is also a directory", "files", j -> addFile(addFile(j, "pkg", "x"), "pkg/mod.py", "y = 1\n")),
            bad("timeout 0", "timeoutSeconds", j -> j.put("timeoutSeconds", 0)),
            bad("timeout 601", "timeoutSeconds", j -> j.put("timeoutSeconds", 601)),
            bad("timeout negative", "timeoutSeconds", j -> j.put("timeoutSeconds", -5)),
            bad("timeout beyond int", "timeoutSeconds", j -> j.put("timeoutSeconds", 10_000_000_000L)),
            bad("timeout a string", "timeoutSeconds", j -> j.put("timeoutSeconds", "30")),
            bad("timeout a fraction", "timeoutSeconds", j -> j.put("timeoutSeconds", 1.5)),
            bad("missing title", "title", j -> without(j, "title")),
            bad("blank title", "title", j -> j.put("title", "   ")),
            bad("title not a string", "title", j -> j.put("title", new JsonObject())),
            bad("unknown locality", "locality", j -> j.put("locality", "public")),
            bad("restricted not a boolean", "restricted", j -> j.put("restricted", "yes")),
            bad("a prompt not a string", "prompt", j -> j.put("prompt", 5)),
            bad("a blank prompt", "prompt", j -> j.put("prompt", " ").put("model", "m")),
            bad("a prompt over 32768 characters", "prompt", j -> j.put("prompt", "x".repeat(32769)).put("model", "m")),
            bad("a prompt without a model", "model", j -> j.put("prompt", "write calc.py")),
            bad("a model with a space", "model", j -> j.put("prompt", "p").put("model", "two words")),
            bad("a model without a prompt", "prompt", j -> j.put("model", "m")),
            bad("maxIterations 0", "maxIterations", j -> j.put("prompt", "p").put("model", "m").put("maxIterations", 0)),
            bad("maxIterations 11", "maxIterations", j -> j.put("prompt", "p").put("model", "m").put("maxIterations", 11)),
            bad("maxIterations a string", "maxIterations", j -> j.put("prompt", "p").put("model", "m").put("maxIterations", "4")),
            bad("a remote provider for local-only work", "allowRemote",
                j -> j.put("prompt", "p").put("model", "m").put("allowRemote", "openai").put("locality", "local-only")),
            bad("a prompt for a restricted job", "restricted", j -> j.put("prompt", "p").put("model", "m").put("restricted", true)));
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @MethodSource("badJobs")
    void badJobIsRefusedNamingTheField(String caseName, String field, UnaryOperator<JsonObject> change) {
        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", change.apply(Jobs.python()));

        assertBadRequestNaming(response, field);
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
            Arguments.of("truncated JSON", "{\"title\": \"x\", "),
            Arguments.of("not JSON at all", "title=x&language=python"),
            Arguments.of("a JSON array", "[1, 2]"),
            Arguments.of("a JSON string", "\"job\""),
            Arguments.of("an empty body", ""),
            Arguments.of("two objects", "{} {}"),
            Arguments.of("a duplicated field", "{\"title\": \"a\", \"title\": \"b\"}"));
    }

    @ParameterizedTest(name = "{0} → 400 naming body")
    @MethodSource("badBodies")
    void malformedBodyIsRefusedNamingTheBody(String caseName, String body) {
        HttpResponse<Buffer> response = portal.postText("/api/v1/jobs", body);

        assertBadRequestNaming(response, "body");
    }

    @Test
    void halfASurrogatePairInFileContentIsRefusedAsInvalidText() {
        String body = addFile(Jobs.python(), "data.py", "HALF").encode().replace("HALF", "\\ud800");

        HttpResponse<Buffer> response = portal.postText("/api/v1/jobs", body);

        assertBadRequestNaming(response, "files");
        assertThat(response.bodyAsJsonObject().getString("message")).contains("'data.py' is not valid UTF-8 text");
    }

    @Test
    void invalidUtf8BytesInTheBodyAreRefusedNamingTheirOffset() {
        byte[] json = addFile(Jobs.python(), "data.py", "HALF").encode().getBytes(StandardCharsets.UTF_8);
        String text = new String(json, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("HALF");
        json[at] = (byte) 0xC3;
        json[at + 1] = (byte) 0x28;

        HttpResponse<Buffer> response = PortalHarness.await(portal.request(HttpMethod.POST, "/api/v1/jobs")
            .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(json)));

        assertBadRequestNaming(response, "body");
        assertThat(response.bodyAsJsonObject().getString("message")).startsWith("body: not valid UTF-8 (byte " + at + ")");
    }

    @Test
    void aDirectoryConflictIsNamed() {
        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs",
            addFile(addFile(Jobs.python(), "pkg", "x"), "pkg/mod.py", "y = 1\n"));

        assertBadRequestNaming(response, "files");
        assertThat(response.bodyAsJsonObject().getString("message"))
            .isEqualTo("files: 'pkg' is a file and also the directory of 'pkg/mod.py'");
    }

    private void assertBadRequestNaming(HttpResponse<Buffer> response, String field) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonObject error = response.bodyAsJsonObject();
        assertThat(error.getString("error")).isEqualTo("bad_request");
        assertThat(error.getString("message")).startsWith(field + ":");
        assertThat(forwarded).as("invalid jobs never reach the coordinator").isEmpty();
    }

    private static Arguments bad(String name, String field, UnaryOperator<JsonObject> change) {
        return Arguments.of(name, field, change);
    }

    private static JsonObject without(JsonObject job, String field) {
        job.remove(field);
        return job;
    }

    private static JsonObject addFile(JsonObject job, String path, Object content) {
        job.getJsonObject("files").put(path, content);
        return job;
    }

    private static JsonObject tooManyFiles(JsonObject job) {
        for (int i = 0; i < 200; i++) {
            addFile(job, "src/m" + i + ".py", "x = " + i + "\n");
        }
        return job;
    }
}
