package io.edgecoder.ledger.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.ledger.Accounts;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a {@link SettleJobRequest}; every refusal is a 400 naming the field. */
final class SettleValidation {
    static final int MAX_CONTRIBUTIONS = 10_000;

    private SettleValidation() {
    }

    static void check(SettleJobRequest request) {
        requireId(request.jobId(), "jobId");
        requireId(request.requester(), "requester");
        List<Contribution> contributions = request.contributions();
        if (contributions == null) {
            if (request.verified()) {
                throw MeshException.badRequest("contributions is required for a verified job");
            }
            return;
        }
        if (contributions.size() > MAX_CONTRIBUTIONS) {
            throw MeshException.badRequest("contributions has " + contributions.size() + " items, at most "
                + MAX_CONTRIBUTIONS + " are allowed");
        }
        Set<String> attempts = new HashSet<>();
        for (int i = 0; i < contributions.size(); i++) {
            checkContribution(contributions.get(i), "contributions[" + i + "]", attempts);
        }
    }

    static void checkHold(String jobId, String requester, long budgetMilli) {
        requireId(jobId, "jobId");
        requireId(requester, "requester");
        if (budgetMilli <= 0) {
            throw MeshException.badRequest("budgetMilli must be > 0, got " + budgetMilli);
        }
    }

    private static void checkContribution(Contribution c, String field, Set<String> attempts) {
        if (c == null) {
            throw MeshException.badRequest(field + " must not be null");
        }
        requireId(c.attemptId(), field + ".attemptId");
        requireId(c.workerId(), field + ".workerId");
        if (c.cpuMs() < 0) {
            throw MeshException.badRequest(field + ".cpuMs must be >= 0, got " + c.cpuMs());
        }
        if (!attempts.add(c.attemptId())) {
            throw MeshException.badRequest(field + ".attemptId '" + c.attemptId() + "' appears twice");
        }
    }

    private static void requireId(String value, String field) {
        if (value == null || value.isBlank()) {
            throw MeshException.badRequest(field + " is required");
        }
        if (!Accounts.validId(value)) {
            throw MeshException.badRequest(field + " must be 1..190 printable ASCII characters without spaces");
        }
    }
}
