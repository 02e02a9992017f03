package io.edgecoder.core.message;

import java.util.List;
import java.util.Map;

/**
 * A coding job: source and test files, which files are tests, where it may run. Field-level
 * validation (with messages naming the field) is {@link io.edgecoder.core.JobSpecs#validate}.
 *
 * @param requester account of the submitter (set by the portal from the authenticated caller)
 * @param restricted whether static subset checks apply before execution
 * @param requesterOrg organisation of the requester; null means the coordinator's own
 * @param priority 0..9, higher first among the same requester's waiting work (default 5); it does not
 *     buy a larger share against other requesters (see coordinator.md, "Scheduling")
 * @param deadline the latest time the job may start (its first subtask sent to a worker); a job that
 *     cannot start by then ends {@code expired}; null means no deadline
 */
public record JobSubmitRequest(
    String title,
    String language,
    Map<String, String> files,
    List<String> tests,
    String locality,
    Integer timeoutSeconds,
    String requester,
    Boolean restricted,
    String requesterOrg,
    Integer priority,
    java.time.Instant deadline) {

    /** A request without priority or deadline. */
    public JobSubmitRequest(String title, String language, Map<String, String> files, List<String> tests, String locality,
                            Integer timeoutSeconds, String requester, Boolean restricted, String requesterOrg) {
        this(title, language, files, tests, locality, timeoutSeconds, requester, restricted, requesterOrg, null, null);
    }

    /** A request from the coordinator's own organisation. */
    public JobSubmitRequest(String title, String language, Map<String, String> files, List<String> tests, String locality,
                            Integer timeoutSeconds, String requester, Boolean restricted) {
        this(title, language, files, tests, locality, timeoutSeconds, requester, restricted, null);
    }
}
