package io.edgecoder.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.TestReport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AgentRunStatementTest {
    private static final NodeIdentity WORKER = NodeIdentity.ephemeral();
    private static final AgentRunRequest SENT = new AgentRunRequest("j1", "j1-agent-1", "lease-1", "python",
        Map.of("test_a.py", "t"), List.of("test_a.py"), "write calc.py", "coder", 3, 30, 300, Actor.user("alice"), "acme", true,
        null, null);

    private static AgentStep round(int n, String status, long testMs, Long cpuMs) {
        return new AgentStep(n, WORKER.nodeId(), "coder", "p", "nI", "openai", 100, 20, "", status,
            new TestReport(1, "passed".equals(status) ? 1 : 0, "passed".equals(status) ? 0 : 1, 0, List.of()), 900, testMs,
            1000 + testMs, Instant.parse("2026-12-07T09:00:00Z"), null, 100L, cpuMs, null);
    }

    private static AgentRunReply reply(Map<String, String> files, AgentStep... rounds) {
        return new AgentRunReply(WORKER.nodeId(), AgentRunReply.PASSED, files, List.of(rounds), null);
    }

    private static final AgentRunReply HONEST = reply(Map.of("calc.py", "a + b"), round(1, "failed", 400, 300L),
        round(2, "passed", 500, 350L));

    @Test
    void theCanonicalBytesFrameEveryFieldAndEveryRoundsMeasures() {
        AgentRunStatement s = new AgentRunStatement("j1", "r1", "L", "nW", "passed", "fd",
            List.of(new AgentRunStatement.Round(1, "failed", "rd", 400, 300L), new AgentRunStatement.Round(2, "no_files", null, 0, null)));

        assertThat(new String(s.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo("edgecoder.agent-run.v1\n"
            + "2:j1\n2:r1\n1:L\n2:nW\n6:passed\n2:fd\n1:2\n"
            + "1:1\n6:failed\n2:rd\n3:400\n3:300\n"
            + "1:2\n8:no_files\n-\n1:0\n-\n");
    }

    @Test
    void theWorkersSignatureVerifiesForExactlyTheReplyItSigned() {
        String signature = AgentRunStatement.of(SENT, HONEST).sign(WORKER);

        assertThat(AgentRunStatement.of(SENT, HONEST).verify(WORKER.publicKeyBase64(), signature)).isTrue();
        assertThat(AgentRunStatement.of(SENT, HONEST).verify(NodeIdentity.ephemeral().publicKeyBase64(), signature)).isFalse();
    }

    @Test
    void changingAnyMeasureTheFilesOrTheLeaseBreaksTheSignature() {
        String signature = AgentRunStatement.of(SENT, HONEST).sign(WORKER);
        List<UnaryOperator<AgentRunReply>> tampering = List.of(
            r -> reply(r.files(), round(1, "failed", 400, 3000L), round(2, "passed", 500, 350L)),
            r -> reply(r.files(), round(1, "failed", 4000, 300L), round(2, "passed", 500, 350L)),
            r -> reply(r.files(), round(1, "failed", 400, 300L), round(2, "passed", 500, null)),
            r -> reply(r.files(), round(1, "failed", 400, 300L)),
            r -> reply(r.files(), round(1, "passed", 400, 300L), round(2, "passed", 500, 350L)),
            r -> reply(Map.of("calc.py", "a - b"), round(1, "failed", 400, 300L), round(2, "passed", 500, 350L)),
            r -> new AgentRunReply(r.workerId(), AgentRunReply.FAILED, r.files(), r.steps(), null));

        for (UnaryOperator<AgentRunReply> tamper : tampering) {
            assertThat(AgentRunStatement.of(SENT, tamper.apply(HONEST)).verify(WORKER.publicKeyBase64(), signature)).isFalse();
        }
        AgentRunRequest otherLease = new AgentRunRequest("j1", "j1-agent-1", "lease-2", "python", SENT.files(), SENT.tests(),
            SENT.prompt(), SENT.model(), 3, 30, 300, SENT.actor(), "acme", true, null, null);
        assertThat(AgentRunStatement.of(otherLease, HONEST).verify(WORKER.publicKeyBase64(), signature)).isFalse();
    }

    @Test
    void theFilesDigestDoesNotDependOnTheOrderOfTheFiles() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a.py", "1");
        ab.put("b.py", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b.py", "2");
        ba.put("a.py", "1");

        assertThat(AgentRunStatement.filesDigest(ab)).isEqualTo(AgentRunStatement.filesDigest(ba))
            .isNotEqualTo(AgentRunStatement.filesDigest(Map.of("a.py", "1", "b.py", "3")));
        assertThat(AgentRunStatement.filesDigest(null)).isNull();
    }
}
