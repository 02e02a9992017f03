package io.edgecoder.core.trust;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.core.message.AgentStep;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a worker signs about one agent loop it ran: which job, run and lease it answers, who ran it,
 * how the loop ended, a digest of the files it answered, and for every round its status, the digest
 * of its test report and the wall and CPU time of its sandbox test runs, which the coordinator pays
 * like a subtask's run. The worker signs {@link #canonicalBytes()} with its node key; the
 * coordinator rebuilds the statement from the request it sent and the reply it received, so a
 * measure altered in transit, or a reply made for another lease, does not verify.
 *
 * <p>Canonical bytes: the line {@value #VERSION}, then job id, run id, lease id, worker id, outcome,
 * files digest and the number of rounds, then per round its iteration, status, report digest
 * ({@link ResultStatement#reportDigest}), test ms and test CPU ms; each framed as in
 * {@link ResultStatement} ({@code <utf-8 byte length>:<value>\n}, null as {@code -\n}).
 */
public record AgentRunStatement(
    String jobId,
    String runId,
    String leaseId,
    String workerId,
    String outcome,
    String filesDigest,
    List<Round> rounds) {

    public static final String VERSION = "edgecoder.agent-run.v1";
    static final String FILES_VERSION = "edgecoder.agent-files.v1";

    /** One round's signed measures: the wall time and CPU of its sandbox test runs (null CPU: no test ran). */
    public record Round(int iteration, String status, String reportDigest, long testMs, Long testCpuMs) {
    }

    /** The statement of {@code reply} answering {@code request}. */
    public static AgentRunStatement of(AgentRunRequest request, AgentRunReply reply) {
        List<Round> rounds = new ArrayList<>();
        for (AgentStep s : reply.steps() == null ? List.<AgentStep>of() : reply.steps()) {
            rounds.add(s == null ? new Round(0, null, null, 0, null)
                : new Round(s.iteration(), s.status(), ResultStatement.reportDigest(s.report()), s.testMs(), s.testCpuMs()));
        }
        return new AgentRunStatement(request.jobId(), request.runId(), request.leaseId(), reply.workerId(), reply.outcome(),
            filesDigest(reply.files()), rounds);
    }

    /** SHA-256 (hex) of the files, in path order, each as its path and the digest of its content; null stays null. */
    public static String filesDigest(Map<String, String> files) {
        if (files == null) {
            return null;
        }
        CanonicalFields c = new CanonicalFields(FILES_VERSION).field(Integer.toString(files.size()));
        new TreeMap<>(files).forEach((path, content) -> c.field(path).field(ResultStatement.textDigest(content)));
        return ResultStatement.sha256Hex(c.bytes());
    }

    /** The bytes that are signed. */
    public byte[] canonicalBytes() {
        CanonicalFields c = new CanonicalFields(VERSION).field(jobId).field(runId).field(leaseId).field(workerId).field(outcome)
            .field(filesDigest).field(Integer.toString(rounds.size()));
        for (Round r : rounds) {
            c.field(Integer.toString(r.iteration())).field(r.status()).field(r.reportDigest()).number(r.testMs())
                .number(r.testCpuMs());
        }
        return c.bytes();
    }

    /** The signature of {@code identity} over this statement, base64. */
    public String sign(NodeIdentity identity) {
        return CanonicalFields.sign(identity, canonicalBytes());
    }

    /** Whether {@code signatureBase64} is the holder of {@code publicKeyBase64}'s signature over this statement. */
    public boolean verify(String publicKeyBase64, String signatureBase64) {
        return CanonicalFields.verify(publicKeyBase64, canonicalBytes(), signatureBase64);
    }
}
