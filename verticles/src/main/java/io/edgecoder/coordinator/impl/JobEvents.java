package io.edgecoder.coordinator.impl;

import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.core.JobStatus;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobEvent;
import java.time.Instant;

/** Publishes job and subtask state changes on {@link CoordinatorAddresses#JOB_EVENTS}. */
public final class JobEvents {
    private final BusClient bus;

    public JobEvents(BusClient bus) {
        this.bus = bus;
    }

    public void job(String jobId, String status) {
        bus.publish(CoordinatorAddresses.JOB_EVENTS, new JobEvent(jobId, null, status, null, Instant.now()));
    }

    public void job(String jobId, JobStatus status) {
        job(jobId, status.wire());
    }

    public void subtask(String jobId, String subtaskId, SubtaskStatus status, String worker) {
        subtask(jobId, subtaskId, status.wire(), worker);
    }

    public void subtask(String jobId, String subtaskId, String status, String worker) {
        bus.publish(CoordinatorAddresses.JOB_EVENTS, new JobEvent(jobId, subtaskId, status, worker, Instant.now()));
    }
}
