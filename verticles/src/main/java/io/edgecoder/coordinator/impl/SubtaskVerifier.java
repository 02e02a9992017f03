package io.edgecoder.coordinator.impl;

import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.core.message.JobSubmitRequest;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one subtask to a final, verified state. A result from a worker inside the requester's
 * {@link TrustDomain} is final as signed. A result from outside is final only once confirmed:
 * a node with a short record (or, at the spot-check rate, one with a long record) has its work
 * replicated on distinct workers, preferably of other organisations, until the {@link Quorum}
 * agrees; any disagreement goes to a trusted tie-breaker inside the requester's domain. Whoever
 * disagrees with the verdict is quarantined and reported; only agreeing claims are paid, at the
 * agreed measure. A subtask that cannot be confirmed ends {@code error} (never verified, never paid).
 */
public final class SubtaskVerifier {
    private final SubtaskDispatcher dispatcher;
    private final PgJobStore store;
    private final PgVerificationStore claims;
    private final IsolationPolicy policy;
    private final TrustDomain trust;
    private final Reputation reputation;
    private final Quorum quorum;
    private final JobEvents events;
    private final NetworkRules rules;

    public SubtaskVerifier(SubtaskDispatcher dispatcher, PgJobStore store, PgVerificationStore claims, IsolationPolicy policy,
                           TrustDomain trust, Reputation reputation, Quorum quorum, JobEvents events, NetworkRules rules) {
        this.rules = rules;
        this.dispatcher = dispatcher;
        this.store = store;
        this.claims = claims;
        this.policy = policy;
        this.trust = trust;
        this.reputation = reputation;
        this.quorum = quorum;
        this.events = events;
    }

    /** One subtask's verification in progress: the claims gathered so far. */
    private record Run(JobContext job, PgJobStore.SubtaskRow st, SubtaskDispatcher.Attempts numbers, List<Claim> claims) {
        Set<String> workers() {
            return claims.stream().map(Claim::workerId).collect(Collectors.toSet());
        }

        Set<String> orgs() {
            return claims.stream().map(Claim::org).filter(o -> o != null).collect(Collectors.toSet());
        }
    }

    /** Runs the subtask; the future succeeds once its final state is stored. */
    public Future<Void> run(JobContext job, PgJobStore.SubtaskRow st) {
        Run r = new Run(job, st, new SubtaskDispatcher.Attempts(st.attempts()), new ArrayList<>());
        return dispatcher.claim(job, st, r.numbers(), placement(r, false))
            .transform(ar -> ar.succeeded() ? first(r, ar.result())
                : giveUp(r, ar.cause().getMessage() + " (" + policy.describe(job.spec()) + ")"));
    }

    private Future<Void> first(Run r, Claim c) {
        r.claims().add(c);
        if (c.trusted()) {
            return finish(r, c.resultDigest(), "trusted: worker " + c.workerId() + " is in the requester's trust domain");
        }
        if (!reputation.needsReplication(c.workerId())) {
            return finish(r, c.resultDigest(), "accepted on reputation: worker " + c.workerId() + " has "
                + reputation.agreed(c.workerId()) + " agreeing results (not drawn for a spot check)");
        }
        return confirm(r);
    }

    private Future<Void> confirm(Run r) {
        Quorum.Decision d = quorum.decide(r.claims());
        return switch (d.kind()) {
            case FINAL -> finish(r, d.digest(), describeQuorum(r, d.digest()));
            case DISPUTED -> tieBreak(r);
            case NEED_MORE -> replicate(r);
        };
    }

    private Future<Void> replicate(Run r) {
        return dispatcher.claim(r.job(), r.st(), r.numbers(), placement(r, false))
            .transform(ar -> {
                if (ar.failed()) {
                    return giveUp(r, "the result of " + r.workers() + " could not be confirmed by another worker: "
                        + ar.cause().getMessage());
                }
                r.claims().add(ar.result());
                return confirm(r);
            });
    }

    private Future<Void> tieBreak(Run r) {
        return dispatcher.claim(r.job(), r.st(), r.numbers(), placement(r, true))
            .transform(ar -> {
                if (ar.failed()) {
                    return giveUp(r, "results of " + r.workers() + " disagreed and no trusted worker of organisation "
                        + trust.requesterOrg(r.job().spec()) + " broke the tie: " + ar.cause().getMessage());
                }
                r.claims().add(ar.result());
                return finish(r, ar.result().resultDigest(), "tie-breaker: trusted worker " + ar.result().workerId()
                    + " decided between " + (r.claims().size() - 1) + " disagreeing results");
            });
    }

    /**
     * Where the next claim may run: eligible, allowed by the network mode, not quarantined, not a worker already heard;
     * trusted only for a tie-break. Among equals, workers of the requester's own organisation first (locality: their
     * results need no replication), then the longer record of agreeing results. The ticket carries the requester's
     * account and the job's priority for the fair queue.
     */
    private Placement placement(Run r, boolean trustedOnly) {
        JobSubmitRequest spec = r.job().spec();
        String org = trust.requesterOrg(spec);
        java.util.function.Function<WorkerEntry, String> why = e -> {
            String refusal = policy.refusal(spec, e);
            if (refusal != null) {
                return refusal;
            }
            if (!rules.allows(spec, e)) {
                return "network mode of " + org + " keeps the job on its own workers";
            }
            if (reputation.excluded(e.nodeId())) {
                return "quarantined or no longer trusted by this coordinator";
            }
            return trustedOnly && !trust.contains(org, e) ? "outside the requester's trust domain (a tie-break needs one inside)"
                : null;
        };
        java.util.Comparator<WorkerEntry> preference = java.util.Comparator
            .<WorkerEntry>comparingInt(e -> trust.contains(org, e) ? 0 : 1)
            .thenComparingLong(e -> -reputation.agreed(e.nodeId()));
        return new Placement(why, r.workers(), Set.of(), r.orgs(), trustedOnly, rules.preferredOrg(spec), preference,
            new Placement.Ticket(spec.requester(), spec.priority() == null ? io.edgecoder.core.JobSpecs.DEFAULT_PRIORITY
                : spec.priority(), r.job().id()));
    }

    private Future<Void> finish(Run r, String digest, String verification) {
        List<Claim> agreeing = r.claims().stream().filter(c -> c.resultDigest().equals(digest)).toList();
        List<Claim> disagreeing = r.claims().stream().filter(c -> !c.resultDigest().equals(digest)).toList();
        Claim shown = agreeing.stream().filter(Claim::trusted).findFirst().orElse(agreeing.get(0));
        long measure = Quorum.agreedMeasure(agreeing);
        Map<String, Long> pay = new LinkedHashMap<>();
        agreeing.forEach(c -> pay.put(c.attemptId(), Math.min(measure, c.capMs())));
        List<String> losers = disagreeing.stream().map(Claim::attemptId).toList();
        return claims.finish(r.st().id(), shown.reply(), measure, verification, pay, losers)
            .compose(v -> judge(r, agreeing, disagreeing, verification))
            .onSuccess(v -> events.subtask(r.job().id(), r.st().id(), shown.reply().status(), shown.workerId()));
    }

    /** After a comparison: agreeing untrusted workers gain reputation, disagreeing ones are quarantined. */
    private Future<Void> judge(Run r, List<Claim> agreeing, List<Claim> disagreeing, String verification) {
        // a worker counted once: credited for agreeing, or quarantined for disagreeing
        if (r.claims().size() < 2) {
            return Future.succeededFuture();
        }
        List<Future<Void>> writes = new ArrayList<>();
        Set<String> credited = new HashSet<>();
        agreeing.stream().filter(c -> !c.trusted() && credited.add(c.workerId()))
            .forEach(c -> writes.add(reputation.recordAgreement(c.workerId())));
        String verdict = describe(agreeing.get(0));
        disagreeing.stream().filter(c -> credited.add(c.workerId()))
            .forEach(c -> writes.add(disagreed(r, c.workerId(), "was " + describe(c) + " where the verdict is " + verdict
                + ", by " + verification + "; its stderr ends: " + tail(c))));
        return Future.all(writes).mapEmpty();
    }

    /** A claim's outcome in a few words, for reports. */
    private static String describe(Claim c) {
        var report = c.reply().report();
        return c.reply().status() + (report == null ? "" : " (" + report.passed() + "/" + report.run() + " passed)");
    }

    /** The end of a claim's stderr, where runners say what went wrong, on one line. */
    private static String tail(Claim c) {
        String err = c.reply().stderr() == null ? "" : c.reply().stderr().strip();
        String end = err.length() <= 160 ? err : "..." + err.substring(err.length() - 157);
        return end.replaceAll("\\s+", " ");
    }

    private Future<Void> disagreed(Run r, String worker, String what) {
        String reason = "its result for " + r.st().test() + " of job " + r.job().id() + " " + what;
        r.job().note("worker " + worker + " was quarantined: " + reason);
        events.subtask(r.job().id(), r.st().id(), "quarantined", worker);
        return reputation.quarantine(worker, reason, true);
    }

    private static String describeQuorum(Run r, String digest) {
        Set<String> agreed = r.claims().stream().filter(c -> c.resultDigest().equals(digest)).map(Claim::workerId)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
        boolean trusted = r.claims().stream().anyMatch(Claim::trusted);
        return trusted ? "confirmed by a trusted worker: " + agreed : "quorum: " + agreed.size() + " workers agreed " + agreed;
    }

    private Future<Void> giveUp(Run r, String reason) {
        events.subtask(r.job().id(), r.st().id(), r.job().cancelled() ? SubtaskStatus.CANCELLED : SubtaskStatus.ERROR, null);
        return store.subtaskGaveUp(r.st().id(), reason).compose(v -> claims.unconfirmed(r.st().id()));
    }
}
