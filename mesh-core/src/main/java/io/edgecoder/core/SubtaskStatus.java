package io.edgecoder.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The states of a subtask (one test file of a job) and the outcomes of one run of it. A worker
 * answers a run with one of the outcomes ({@code RunSubtaskReply.status}); the coordinator
 * stores the subtask as pending, running, then the final outcome ({@code SubtaskView.status},
 * the {@code subtasks.status} column). The wire name is the lower-case name.
 */
public enum SubtaskStatus {
    /** Planned, not yet sent to a worker. */
    PENDING,
    /** Sent to a worker under a lease. */
    RUNNING,
    /** The runtime exited 0, at least one test ran and none failed. */
    PASSED,
    /** Tests ran (or could not be loaded) and something failed. */
    FAILED,
    /** The sandbox could not start the run, or the subtask could not be confirmed. */
    ERROR,
    /** A wall-clock or CPU time limit was reached. */
    TIMEOUT,
    /** The run hit its memory limit. */
    MEMORY_LIMIT,
    /** The run wrote more output than the hard output cap. */
    OUTPUT_LIMIT,
    /** The run was killed by a signal it did not ask for, or the worker stopped. */
    KILLED,
    /**
     * The worker could not read the run's whole report; nothing is known about the tests, so
     * the coordinator runs it again and never records it as failed.
     */
    INCOMPLETE,
    /** Its job was cancelled before it ended: it never started, or its run was stopped (stored state only). */
    CANCELLED;

    /** The lower-case name used on the wire and in the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for a stored state a resumed job does not run again. */
    public boolean isFinal() {
        return this != PENDING && this != RUNNING && this != INCOMPLETE;
    }

    /**
     * True for a run outcome that says nothing about the tests (the worker killed the run, its
     * sandbox could not start it, or its report is incomplete): not a result to verify or pay.
     */
    public boolean saysNothing() {
        return this == KILLED || this == ERROR || this == INCOMPLETE;
    }

    /** Parses a wire name; an unknown one fails naming the known ones. */
    @JsonCreator
    public static SubtaskStatus of(String wire) {
        return WireNames.parse(SubtaskStatus.class, "subtask status", wire);
    }

    /** The status named {@code wire}, or null for an unknown or null name (a reply from a newer or broken worker). */
    public static SubtaskStatus find(String wire) {
        return WireNames.find(SubtaskStatus.class, wire);
    }
}
