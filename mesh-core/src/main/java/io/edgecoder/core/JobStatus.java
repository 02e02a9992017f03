package io.edgecoder.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The states of a job. The wire name ({@link #wire()}, lower case) is what travels in
 * {@code JobView.status}, {@code JobSubmitReply.status} and job events, and what the
 * coordinator's {@code jobs.status} column holds. A job is queued until a coordinator runs it,
 * running until every subtask is final, then succeeded (verified), failed, rejected by policy
 * at intake, cancelled by its owner, or expired (it could not start before its deadline).
 */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, REJECTED, CANCELLED, EXPIRED;

    /** The lower-case name used on the wire and in the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the states a job never leaves. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }

    /** Parses a wire name; an unknown one fails naming the known ones. */
    @JsonCreator
    public static JobStatus of(String wire) {
        return WireNames.parse(JobStatus.class, "job status", wire);
    }
}
