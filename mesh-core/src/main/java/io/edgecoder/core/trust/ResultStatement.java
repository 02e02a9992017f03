package io.edgecoder.core.trust;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * What a worker signs about one run: which job, subtask, attempt and lease it answers, who ran it,
 * the outcome (status and the canonical result digest), digests of what it returned (stdout,
 * stderr, parsed report) and the CPU and wall time it measured. The worker signs
 * {@link #canonicalBytes()} with its node key; the coordinator rebuilds the same statement from
 * the request it sent and the reply it received, so a signature only verifies for exactly that
 * reply to exactly that lease.
 *
 * <p>Canonical bytes: the line {@value #VERSION}, then every field in component order, each
 * framed as {@code <utf-8 byte length>:<value>\n} (numbers in decimal, null as {@code -\n}).
 * The {@linkplain #resultDigest result digest} covers only what honest runs of the same code
 * agree on (status and the parsed per-test outcomes), never raw output, which holds timings.
 */
public record ResultStatement(
    String jobId,
    String subtaskId,
    String attemptId,
    String leaseId,
    String workerId,
    String status,
    String resultDigest,
    String stdoutDigest,
    String stderrDigest,
    String reportDigest,
    long cpuMs,
    long wallMs) {

    public static final String VERSION = "edgecoder.result.v1";
    static final String RESULT_VERSION = "edgecoder.result-digest.v1";
    static final String REPORT_VERSION = "edgecoder.report.v1";

    /**
     * The statement of {@code reply} answering {@code request}; a request without a lease id is
     * bound to its attempt id instead.
     */
    public static ResultStatement of(RunSubtaskRequest request, RunSubtaskReply reply) {
        String lease = request.leaseId() != null ? request.leaseId() : request.attemptId();
        return new ResultStatement(request.jobId(), request.subtaskId(), request.attemptId(), lease, reply.workerId(),
            reply.status(), resultDigest(reply.status(), reply.report()), textDigest(reply.stdout()),
            textDigest(reply.stderr()), reportDigest(reply.report()), reply.cpuMs(), reply.wallMs());
    }

    /** The bytes that are signed. */
    public byte[] canonicalBytes() {
        CanonicalFields c = new CanonicalFields(VERSION);
        c.field(jobId).field(subtaskId).field(attemptId).field(leaseId).field(workerId).field(status)
            .field(resultDigest).field(stdoutDigest).field(stderrDigest).field(reportDigest)
            .field(Long.toString(cpuMs)).field(Long.toString(wallMs));
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

    /**
     * SHA-256 (hex) of the outcome honest runs of the same code agree on: the status, and from the
     * parsed report the counts of tests run, passed, failed and skipped and the failing tests'
     * names (sorted, so their order in the output does not matter).
     */
    public static String resultDigest(String status, TestReport report) {
        CanonicalFields c = new CanonicalFields(RESULT_VERSION).field(status);
        return sha256Hex(report(c, report).bytes());
    }

    /** SHA-256 (hex) of the parsed report alone. */
    public static String reportDigest(TestReport report) {
        return sha256Hex(report(new CanonicalFields(REPORT_VERSION), report).bytes());
    }

    /** SHA-256 (hex) of a text's UTF-8 bytes; null counts as empty. */
    public static String textDigest(String text) {
        return sha256Hex((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
    }

    private static CanonicalFields report(CanonicalFields c, TestReport report) {
        if (report == null) {
            return c.field(null);
        }
        List<String> failures = new ArrayList<>(report.failures() == null ? List.of() : report.failures());
        failures.sort(null);
        c.field(Integer.toString(report.run())).field(Integer.toString(report.passed()))
            .field(Integer.toString(report.failed())).field(Integer.toString(report.skipped()))
            .field(Integer.toString(failures.size()));
        failures.forEach(c::field);
        return c;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
