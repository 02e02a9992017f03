package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.JobSubmitRequest;
import java.util.LinkedHashSet;
import java.util.Set;

/** A job being run by this coordinator: its id, spec and the notes gathered on the way. */
public final class JobContext {
    private final String id;
    private volatile JobSubmitRequest spec;
    private final Set<String> notes = new LinkedHashSet<>();
    private volatile boolean cancelled;
    private volatile boolean started;

    public JobContext(String id, JobSubmitRequest spec) {
        this.id = id;
        this.spec = spec;
    }

    public String id() {
        return id;
    }

    public JobSubmitRequest spec() {
        return spec;
    }

    /** The job's spec from now on (an agent job's answer replaces its files before it is planned). */
    public void useSpec(JobSubmitRequest answered) {
        spec = answered;
    }

    public void note(String note) {
        notes.add(note);
    }

    public Set<String> notes() {
        return notes;
    }

    /** Marks the job cancelled: no more subtask attempts are started for it. */
    public void cancel() {
        cancelled = true;
    }

    /** A subtask of the job was sent to a worker: its deadline no longer applies. */
    public void started() {
        started = true;
    }

    /** Whether a subtask of the job was sent to a worker (by this coordinator). */
    public boolean hasStarted() {
        return started;
    }

    /** Whether the job was cancelled (known here through the bus or from a refused dispatch). */
    public boolean cancelled() {
        return cancelled;
    }
}
