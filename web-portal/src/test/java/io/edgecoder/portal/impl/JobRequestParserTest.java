package io.edgecoder.portal.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.JobSubmitRequest;
import org.junit.jupiter.api.Test;

class JobRequestParserTest {

    @Test
    void readsEveryFieldAndKeepsFileOrder() {
        JobSubmitRequest job = JobRequestParser.parse("""
            {"title": "t", "language": "javascript", "files": {"b.js": "1", "a.test.js": "2"},
             "tests": ["a.test.js"], "locality": "mesh", "timeoutSeconds": 5, "restricted": true}""");

        assertThat(job.title()).isEqualTo("t");
        assertThat(job.language()).isEqualTo("javascript");
        assertThat(job.files()).containsExactly(java.util.Map.entry("b.js", "1"), java.util.Map.entry("a.test.js", "2"));
        assertThat(job.tests()).containsExactly("a.test.js");
        assertThat(job.locality()).isEqualTo("mesh");
        assertThat(job.timeoutSeconds()).isEqualTo(5);
        assertThat(job.restricted()).isTrue();
    }

    @Test
    void ignoresUnknownFieldsAndAClientSuppliedRequester() {
        JobSubmitRequest job = JobRequestParser.parse("{\"title\": \"t\", \"requester\": \"mallory\", \"colour\": \"blue\"}");

        assertThat(job.requester()).isNull();
        assertThat(job.title()).isEqualTo("t");
    }

    @Test
    void treatsNullAsAbsent() {
        JobSubmitRequest job = JobRequestParser.parse("{\"timeoutSeconds\": null, \"files\": null, \"tests\": null}");

        assertThat(job.timeoutSeconds()).isNull();
        assertThat(job.files()).isNull();
        assertThat(job.tests()).isNull();
    }

    @Test
    void namesTheFieldOfAWrongType() {
        assertBadRequest("{\"timeoutSeconds\": \"30\"}", "timeoutSeconds: must be an integer number of seconds, got a string");
        assertBadRequest("{\"timeoutSeconds\": 2.5}", "timeoutSeconds: must be an integer number of seconds, got a number");
        assertBadRequest("{\"timeoutSeconds\": 99999999999}", "timeoutSeconds: must be within 1..600, got 99999999999");
        assertBadRequest("{\"files\": [\"a.py\"]}", "files: must be an object of path to content, got a list");
        assertBadRequest("{\"files\": {\"a.py\": 1}}", "files: content of 'a.py' must be a string, got a number");
        assertBadRequest("{\"tests\": \"a.py\"}", "tests: must be a list of file paths, got a string");
        assertBadRequest("{\"tests\": [null]}", "tests: each entry must be a string, got null");
        assertBadRequest("{\"title\": false}", "title: must be a string, got a boolean");
        assertBadRequest("{\"restricted\": 1}", "restricted: must be true or false, got a number");
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        assertBadRequest("", "body: a JSON object is required");
        assertBadRequest("[]", "body: must be a JSON object");
        assertBadRequest("null", "body: must be a JSON object");
        assertThatThrownBy(() -> JobRequestParser.parse("{\"a\": 1} x")).hasMessageStartingWith("body: malformed JSON");
        assertThatThrownBy(() -> JobRequestParser.parse("{\"a\": 1, \"a\": 2}")).hasMessageStartingWith("body: malformed JSON");
        assertThatThrownBy(() -> JobRequestParser.parse("{\"a\": ")).hasMessageStartingWith("body: malformed JSON");
    }

    private static void assertBadRequest(String body, String message) {
        assertThatThrownBy(() -> JobRequestParser.parse(body))
            .isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
            .hasMessage(message);
    }
}
