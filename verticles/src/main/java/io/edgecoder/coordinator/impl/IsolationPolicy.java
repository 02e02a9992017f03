package io.edgecoder.coordinator.impl;

import io.edgecoder.core.Isolation;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.function.Predicate;

/**
 * Where a job may run. A worker must announce the job's language. Local-only jobs stay on
 * core workers of the coordinator's own organisation (never on the edge ring, whatever
 * organisation its certificate names) and need at least the local minimum isolation; mesh jobs,
 * and any job from another organisation, need the mesh minimum (default {@code strong}).
 */
public final class IsolationPolicy {
    private final Isolation meshMinimum;
    private final Isolation localMinimum;
    private final String homeOrg;

    public IsolationPolicy(Isolation meshMinimum, Isolation localMinimum, String homeOrg) {
        this.meshMinimum = meshMinimum;
        this.localMinimum = localMinimum;
        this.homeOrg = homeOrg;
    }

    /** Whether the job comes from outside this coordinator's organisation. */
    public boolean external(JobSubmitRequest job) {
        return job.requesterOrg() != null && !job.requesterOrg().equals(homeOrg);
    }

    public Isolation minimumFor(JobSubmitRequest job) {
        return JobSpecs.MESH.equals(job.locality()) || external(job) ? meshMinimum : localMinimum;
    }

    public Predicate<WorkerHeartbeat> eligible(JobSubmitRequest job) {
        Isolation minimum = minimumFor(job);
        boolean localOnly = !JobSpecs.MESH.equals(job.locality());
        return hb -> hb.languages() != null && hb.languages().contains(job.language())
            && Isolation.of(hb.isolation()).atLeast(minimum)
            && (!localOnly || homeOrg.equals(hb.org()));
    }

    /** Whether {@code worker} may run {@code job}: {@link #eligible} and, for a local-only job, not on the edge ring. */
    public boolean allows(JobSubmitRequest job, WorkerEntry worker) {
        return eligible(job).test(worker.heartbeat()) && (JobSpecs.MESH.equals(job.locality()) || !worker.edge());
    }

    /** Why {@code worker} may not run {@code job} under {@link #allows}, or null when it may. */
    public String refusal(JobSubmitRequest job, WorkerEntry worker) {
        WorkerHeartbeat hb = worker.heartbeat();
        if (hb.languages() == null || !hb.languages().contains(job.language())) {
            return "no " + job.language() + " runtime";
        }
        Isolation minimum = minimumFor(job);
        if (!Isolation.of(hb.isolation()).atLeast(minimum)) {
            return "isolation below " + minimum.id();
        }
        boolean localOnly = !JobSpecs.MESH.equals(job.locality());
        if (localOnly && !homeOrg.equals(hb.org())) {
            return "another organisation (local-only job of " + homeOrg + ")";
        }
        return localOnly && worker.edge() ? "edge worker (local-only job)" : null;
    }

    /** Describes the constraints, for messages when no worker fits. */
    public String describe(JobSubmitRequest job) {
        return "language " + job.language() + ", minimum isolation " + minimumFor(job).id()
            + (JobSpecs.MESH.equals(job.locality()) ? "" : ", organisation " + homeOrg);
    }

    /** A note for the job when it ran under weaker isolation than a full sandbox gives. */
    public String noteFor(JobSubmitRequest job, String isolation) {
        if ((JobSpecs.MESH.equals(job.locality()) || external(job)) && !Isolation.of(isolation).atLeast(Isolation.STRONG)) {
            return "job ran on a worker with isolation '" + isolation + "' (allowed by policy: minimum for mesh and external"
                + " jobs is '" + meshMinimum.id() + "')";
        }
        return null;
    }
}
