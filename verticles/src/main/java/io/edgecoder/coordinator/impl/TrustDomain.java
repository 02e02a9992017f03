package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.JobSubmitRequest;

/**
 * The one place that decides whose word a requester takes: a worker is inside a requester's
 * trust domain when it belongs to the requester's organisation (a job without one comes from this
 * coordinator's organisation) and is not an edge worker. Results from inside are final as signed;
 * results from outside are final only once confirmed (see {@link SubtaskVerifier}).
 */
public final class TrustDomain {
    private final String homeOrg;

    public TrustDomain(String homeOrg) {
        this.homeOrg = homeOrg;
    }

    /** The organisation whose trust domain the job's results must satisfy. */
    public String requesterOrg(JobSubmitRequest job) {
        return job.requesterOrg() == null || job.requesterOrg().isBlank() ? homeOrg : job.requesterOrg();
    }

    /** The worker's organisation, as far as this coordinator can tell. */
    public String orgOf(WorkerEntry worker) {
        return worker.org();
    }

    public boolean contains(String requesterOrg, WorkerEntry worker) {
        return !worker.edge() && requesterOrg != null && requesterOrg.equals(orgOf(worker));
    }
}
