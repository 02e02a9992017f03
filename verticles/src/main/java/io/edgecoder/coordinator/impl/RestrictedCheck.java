package io.edgecoder.coordinator.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.SubsetCheckReply;
import io.edgecoder.core.message.SubsetCheckRequest;
import io.edgecoder.core.message.SubsetViolation;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The static subset check of {@code restricted} jobs, run by a worker before the job is
 * accepted. A job with refused constructs fails intake with 422 and a message naming each
 * file, line, column and construct (the first {@value #MAX_LISTED}).
 */
public final class RestrictedCheck {
    static final int MAX_LISTED = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    private final BusClient bus;

    public RestrictedCheck(BusClient bus) {
        this.bus = bus;
    }

    public Future<Void> check(JobSubmitRequest job) {
        if (!job.restricted()) {
            return Future.succeededFuture();
        }
        if (!JobSpecs.RESTRICTED_LANGUAGES.contains(job.language())) {
            return Future.failedFuture(MeshException.policy("restricted is not supported for " + job.language()));
        }
        return bus.request(WorkerAddresses.SUBSET_CHECK, new SubsetCheckRequest(job.language(), job.files()),
                SubsetCheckReply.class, TIMEOUT)
            .recover(e -> Future.failedFuture(unavailable(BusClient.toMesh(e))))
            .compose(reply -> reply.violations().isEmpty() ? Future.succeededFuture() : Future.failedFuture(refused(reply.violations())));
    }

    private static MeshException unavailable(MeshException e) {
        if (e.noHandler()) {
            return MeshException.unavailable("restricted: no worker is available to check the sources; try again later");
        }
        return e;
    }

    static MeshException refused(List<SubsetViolation> violations) {
        String listed = violations.stream().limit(MAX_LISTED).map(SubsetViolation::describe).collect(Collectors.joining("; "));
        String more = violations.size() > MAX_LISTED ? "; and " + (violations.size() - MAX_LISTED) + " more" : "";
        return MeshException.policy("restricted: " + violations.size() + " refused construct(s): " + listed + more);
    }
}
