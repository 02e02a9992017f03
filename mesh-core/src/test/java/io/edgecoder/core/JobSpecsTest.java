package io.edgecoder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.message.JobSubmitRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobSpecsTest {
    private static JobSubmitRequest job(String language, Map<String, String> files, List<String> tests, Integer timeout) {
        return new JobSubmitRequest("t", language, files, tests, null, timeout, "admin", null);
    }

    private static void rejected(JobSubmitRequest job, String fieldPrefix) {
        assertThatThrownBy(() -> JobSpecs.validate(job)).isInstanceOfSatisfying(MeshException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).startsWith(fieldPrefix + ":");
        });
    }

    @Test
    void fillsDefaults() {
        JobSubmitRequest ok = JobSpecs.validate(job("python", Map.of("test_a.py", ""), List.of("test_a.py"), null));
        assertThat(ok.locality()).isEqualTo("local-only");
        assertThat(ok.timeoutSeconds()).isEqualTo(60);
        assertThat(ok.restricted()).isFalse();
    }

    @Test
    void keepsAPlanModelAndRefusesABlankOrLongOne() {
        JobSubmitRequest base = job("python", Map.of("test_a.py", ""), List.of("test_a.py"), null);
        JobSubmitRequest planned = new JobSubmitRequest(base.title(), base.language(), base.files(), base.tests(), null, null,
            null, null, null, null, null, null, null, null, null, "qwen2.5-coder:7b");
        assertThat(JobSpecs.validate(planned).planModel()).isEqualTo("qwen2.5-coder:7b");
        assertThat(JobSpecs.validate(base).planModel()).isNull();
        for (String bad : List.of(" ", "m".repeat(129))) {
            rejected(new JobSubmitRequest(base.title(), base.language(), base.files(), base.tests(), null, null, null, null, null,
                null, null, null, null, null, null, bad), "planModel");
        }
    }

    @Test
    void refusesUnknownLanguage() {
        rejected(job("cobol", Map.of("a.py", ""), List.of("a.py"), 5), "language");
    }

    @Test
    void refusesMissingOrEmptyTests() {
        rejected(job("python", Map.of("a.py", ""), null, 5), "tests");
        rejected(job("python", Map.of("a.py", ""), List.of(), 5), "tests");
    }

    @Test
    void refusesATestThatIsNotAFile() {
        rejected(job("python", Map.of("a.py", ""), List.of("b.py"), 5), "tests");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.py", "a/../../evil.py", "/etc/passwd", "a//b.py", "", "a/./b.py", "dir/", "\\x.py"})
    void refusesPathsThatEscapeOrAreUnsafe(String path) {
        Map<String, String> files = new HashMap<>();
        files.put(path, "");
        files.put("test_a.py", "");
        rejected(job("python", files, List.of("test_a.py"), 5), "files");
    }

    @Test
    void refusesTooManyFiles() {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 201; i++) {
            files.put("f" + i + ".py", "");
        }
        rejected(job("python", files, List.of("f0.py"), 5), "files");
    }

    @Test
    void refusesMoreThanTwoMebibytes() {
        rejected(job("python", Map.of("test_a.py", "x".repeat(2 * 1024 * 1024 + 1)), List.of("test_a.py"), 5), "files");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 601})
    void refusesTimeoutsOutsideTheRange(int timeout) {
        rejected(job("python", Map.of("test_a.py", ""), List.of("test_a.py"), timeout), "timeoutSeconds");
    }

    @Test
    void refusesUnknownLocality() {
        rejected(new JobSubmitRequest("t", "python", Map.of("test_a.py", ""), List.of("test_a.py"), "moon", 5, "a", null),
            "locality");
    }

    @Test
    void refusesATestWithTheWrongSuffixForTheLanguage() {
        rejected(job("javascript", Map.of("test_a.py", ""), List.of("test_a.py"), 5), "tests");
    }

    @Test
    void acceptsJavaWithAJavaTestFileAndRefusesAnyOtherSuffix() {
        Map<String, String> files = Map.of("src/FooTest.java", "", "src/Foo.java", "", "data.txt", "");
        assertThat(JobSpecs.validate(job("java", files, List.of("src/FooTest.java"), 5)).language()).isEqualTo("java");
        rejected(job("java", files, List.of("data.txt"), 5), "tests");
    }

    @Test
    void languageErrorListsEveryLanguage() {
        assertThatThrownBy(() -> JobSpecs.validate(job("cobol", Map.of("a.py", ""), List.of("a.py"), 5)))
            .hasMessageContaining("java, javascript, python");
    }

    @Test
    void refusesMissingTitle() {
        rejected(new JobSubmitRequest(" ", "python", Map.of("test_a.py", ""), List.of("test_a.py"), null, 5, "a", null), "title");
    }

    private static void rejectedWith(Map<String, String> files, String message) {
        JobSubmitRequest job = job("python", files, List.of("test_a.py"), null);
        assertThatThrownBy(() -> JobSpecs.validate(job)).isInstanceOfSatisfying(MeshException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void refusesANulCharacterInFileContentNamingTheFile() {
        rejectedWith(Map.of("test_a.py", "x = 1\n\u0000\n"),
            "files: content of 'test_a.py' contains a NUL character (at character 6); files must be text");
    }

    @Test
    void refusesContentThatIsNotValidUtf8Text() {
        rejectedWith(Map.of("test_a.py", "s = '\uD800'"), "files: content of 'test_a.py' is not valid UTF-8 text (at character 5)");
        rejectedWith(Map.of("test_a.py", "s = '\uDC00\uD800'"), "files: content of 'test_a.py' is not valid UTF-8 text (at character 5)");
    }

    @Test
    void acceptsTextBeyondTheBasicPlaneAndTheReplacementCharacter() {
        JobSpecs.validate(job("python", Map.of("test_a.py", "s = '\uD83D\uDE00 \uFFFD'"), List.of("test_a.py"), null));
    }

    @Test
    void refusesAFileThatIsAlsoADirectoryOfAnother() {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("test_a.py", "");
        files.put("pkg", "x");
        files.put("pkg/sub/mod.py", "y");
        rejectedWith(files, "files: 'pkg' is a file and also the directory of 'pkg/sub/mod.py'");
        files.remove("pkg");
        files.put("pkg/sub", "z");
        rejectedWith(files, "files: 'pkg/sub' is a file and also the directory of 'pkg/sub/mod.py'");
        files.remove("pkg/sub");
        files.put("pkg2", "not a prefix directory");
        files.put("pk", "nor this");
        JobSpecs.validate(job("python", files, List.of("test_a.py"), null));
    }
}
