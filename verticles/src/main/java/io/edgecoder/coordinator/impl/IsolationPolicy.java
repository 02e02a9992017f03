package io.edgecoder.coordinator.impl;

import io.edgecoder.core.Isolation;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.function.Predicate;

/**
 * Which workers may run a job: they must have the job's language and an isolation at least
 * the minimum configured for the job's locality.
 */
public final class IsolationPolicy {
    private final Isolation meshMinimum;
    private final Isolation localMinimum;

    public IsolationPolicy(Isolation meshMinimum, Isolation localMinimum) {
        this.meshMinimum = meshMinimum;
        this.localMinimum = localMinimum;
    }

    public Isolation minimumFor(String locality) {
        return JobSpecs.MESH.equals(locality) ? meshMinimum : localMinimum;
    }

    public Predicate<WorkerHeartbeat> eligible(String language, String locality) {
        Isolation minimum = minimumFor(locality);
        return hb -> hb.languages() != null && hb.languages().contains(language)
            && Isolation.of(hb.isolation()).atLeast(minimum);
    }

    /** A note for the job when it ran under weaker isolation than a sandbox gives. */
    public String noteFor(String locality, String isolation) {
        if (JobSpecs.MESH.equals(locality) && !Isolation.of(isolation).atLeast(Isolation.STRONG)) {
            return "mesh job ran on a worker with isolation '" + isolation + "' (allowed by policy: minimum for mesh is '"
                + meshMinimum.id() + "')";
        }
        return null;
    }
}
