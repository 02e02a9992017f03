package io.edgecoder.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Json;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStatementTest {
    private static final JsonObject FIXTURE = fixture();

    private static JsonObject fixture() {
        try (InputStream in = ResultStatementTest.class.getResourceAsStream("/fixtures/result-statement.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunSubtaskRequest request() {
        return Json.fromJson(FIXTURE.getJsonObject("request"), RunSubtaskRequest.class);
    }

    private static RunSubtaskReply reply() {
        return Json.fromJson(FIXTURE.getJsonObject("reply"), RunSubtaskReply.class);
    }

    @Test
    void theFixtureStatementHasTheDocumentedCanonicalBytesAndDigest() throws Exception {
        ResultStatement statement = ResultStatement.of(request(), reply());

        assertThat(new String(statement.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(FIXTURE.getString("canonicalBytes"));
        String byHand = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(FIXTURE.getString("resultDigestInput").getBytes(StandardCharsets.UTF_8)));
        assertThat(statement.resultDigest()).isEqualTo(byHand).isEqualTo(FIXTURE.getString("resultDigest"));
        assertThat(statement.leaseId()).isEqualTo("lease-7f3a");
    }

    @Test
    void theFixtureKeySignsTheFixtureSignatureAndItVerifies(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("node.key"), FIXTURE.getString("privateKey") + "\n");
        Files.writeString(dir.resolve("node.pub"), FIXTURE.getString("publicKey") + "\n");
        NodeIdentity identity = NodeIdentity.loadOrCreate(dir);
        ResultStatement statement = ResultStatement.of(request(), reply());

        assertThat(identity.nodeId()).isEqualTo(reply().workerId());
        assertThat(statement.sign(identity)).isEqualTo(reply().signature());
        assertThat(statement.verify(FIXTURE.getString("publicKey"), reply().signature())).isTrue();
    }

    @Test
    void aSignatureVerifiesForNothingButItsOwnStatementAndKey() {
        NodeIdentity worker = NodeIdentity.ephemeral();
        RunSubtaskReply reply = reply();
        String signature = ResultStatement.of(request(), reply).sign(worker);
        String key = worker.publicKeyBase64();

        assertThat(ResultStatement.of(request(), reply).verify(key, signature)).isTrue();
        assertThat(ResultStatement.of(request(), withCpu(reply, reply.cpuMs() + 1)).verify(key, signature)).isFalse();
        assertThat(ResultStatement.of(otherLease(request()), reply).verify(key, signature)).isFalse();
        assertThat(ResultStatement.of(request(), reply).verify(NodeIdentity.ephemeral().publicKeyBase64(), signature)).isFalse();
        assertThat(ResultStatement.of(request(), reply).verify(key, "not base64!")).isFalse();
        assertThat(ResultStatement.of(request(), reply).verify(key, null)).isFalse();
        assertThat(ResultStatement.of(request(), reply).verify("garbage", signature)).isFalse();
    }

    @Test
    void theResultDigestIgnoresOutputAndTimingsAndTheOrderOfFailures() {
        TestReport a = new TestReport(3, 1, 2, 0, List.of("test_x (m.T.test_x)", "test_y (m.T.test_y)"));
        TestReport b = new TestReport(3, 1, 2, 0, List.of("test_y (m.T.test_y)", "test_x (m.T.test_x)"));

        assertThat(ResultStatement.resultDigest("failed", a)).isEqualTo(ResultStatement.resultDigest("failed", b));
        assertThat(ResultStatement.resultDigest("failed", a)).isNotEqualTo(ResultStatement.resultDigest("passed", a));
        assertThat(ResultStatement.resultDigest("passed", new TestReport(2, 2, 0, 0, List.of())))
            .isNotEqualTo(ResultStatement.resultDigest("passed", new TestReport(1, 1, 0, 0, List.of())))
            .isNotEqualTo(ResultStatement.resultDigest("passed", null));
    }

    @Test
    void framingKeepsFieldsApartWhateverTheyContain() {
        ResultStatement one = new ResultStatement("a\n1:b", "c", "d", "e", "f", "g", "h", "i", "j", "k", 1, 2);
        ResultStatement two = new ResultStatement("a", "b\n1:c", "d", "e", "f", "g", "h", "i", "j", "k", 1, 2);
        assertThat(one.canonicalBytes()).isNotEqualTo(two.canonicalBytes());
    }

    @Test
    void aKeyProvesItsNodeIdAndGarbageProvesNothing() {
        NodeIdentity identity = NodeIdentity.ephemeral();
        assertThat(NodeIdentity.nodeIdOf(identity.publicKeyBase64())).isEqualTo(identity.nodeId());
        assertThat(NodeIdentity.nodeIdOf("bm90IGEga2V5")).isNull();
        assertThat(NodeIdentity.nodeIdOf((String) null)).isNull();
    }

    private static RunSubtaskReply withCpu(RunSubtaskReply r, long cpuMs) {
        return new RunSubtaskReply(r.workerId(), r.status(), r.exitCode(), r.wallMs(), cpuMs, r.peakMemoryBytes(), r.stdout(),
            r.stderr(), r.outputTruncated(), r.isolation(), r.report(), r.signature());
    }

    private static RunSubtaskRequest otherLease(RunSubtaskRequest r) {
        return new RunSubtaskRequest(r.jobId(), r.subtaskId(), r.attemptId(), r.attempt(), r.language(), r.files(), r.test(),
            r.timeoutSeconds(), r.restricted(), "lease-other");
    }
}
