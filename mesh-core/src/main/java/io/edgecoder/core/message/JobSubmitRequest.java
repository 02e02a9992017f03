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
 * @param prompt what to build: with a prompt the job is an agent job, whose non-test files a model
 *     writes (starting from the submitted ones) until the tests pass (docs/worker.md, "Agent loop")
 * @param model the model the agent asks (as {@code ModelInfo.name} lists it); required with a prompt
 * @param maxIterations how many times the agent may ask the model (default 4, at most 10)
 * @param allowRemote the one remote (cloud) provider the agent may hand the prompt to; null = none.
 *     Never for a local-only job
 * @param priority 0..9, higher first among the same requester's waiting work (default 5); it does not
 *     buy a larger share against other requesters (see coordinator.md, "Scheduling")
 * @param deadline the latest time the job may start (its first subtask sent to a worker); a job that
 *     cannot start by then ends {@code expired}; null means no deadline
 * @param planModel a model (as {@code ModelInfo.name} lists it) the inference role asks to plan the
 *     job; null = the deterministic planner. Falls back to the deterministic plan when the model fails
 * @param idempotencyKey the client's key for this submission ({@link io.edgecoder.core.JobIntake#checkKey}); a repeat
 *     with the same key by the same requester returns the job recorded first instead of a second one; null = none
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
    String prompt,
    String model,
    Integer maxIterations,
    String allowRemote,
    Integer priority,
    java.time.Instant deadline,
    String planModel,
    String idempotencyKey) {

    /** A job without an idempotency key. */
    public JobSubmitRequest(String title, String language, Map<String, String> files, List<String> tests, String locality,
                            Integer timeoutSeconds, String requester, Boolean restricted, String requesterOrg, String prompt,
                            String model, Integer maxIterations, String allowRemote, Integer priority,
                            java.time.Instant deadline, String planModel) {
        this(title, language, files, tests, locality, timeoutSeconds, requester, restricted, requesterOrg, prompt, model,
            maxIterations, allowRemote, priority, deadline, planModel, null);
    }

    /** A job planned by the deterministic planner. */
    public JobSubmitRequest(String title, String language, Map<String, String> files, List<String> tests, String locality,
                            Integer timeoutSeconds, String requester, Boolean restricted, String requesterOrg, String prompt,
                            String model, Integer maxIterations, String allowRemote, Integer priority,
                            java.time.Instant deadline) {
        this(title, language, files, tests, locality, timeoutSeconds, requester, restricted, requesterOrg, prompt, model,
            maxIterations, allowRemote, priority, deadline, null);
    }

    /** A request from the coordinator's own organisation. */
    public JobSubmitRequest(String title, String language, Map<String, String> files, List<String> tests, String locality,
                            Integer timeoutSeconds, String requester, Boolean restricted) {
        this(title, language, files, tests, locality, timeoutSeconds, requester, restricted, null);
    }

    /** A job without a prompt: its files are run as they are. */
    public JobSubmitRequest(String title, String language, Map<String, String> files, List<String> tests, String locality,
                            Integer timeoutSeconds, String requester, Boolean restricted, String requesterOrg) {
        this(title, language, files, tests, locality, timeoutSeconds, requester, restricted, requesterOrg, null, null, null,
            null);
    }

    /** A job without priority or deadline. */
    public JobSubmitRequest(String title, String language, Map<String, String> files, List<String> tests, String locality,
                            Integer timeoutSeconds, String requester, Boolean restricted, String requesterOrg, String prompt,
                            String model, Integer maxIterations, String allowRemote) {
        this(title, language, files, tests, locality, timeoutSeconds, requester, restricted, requesterOrg, prompt, model,
            maxIterations, allowRemote, null, null);
    }

    /** The same job with {@code priority} and {@code deadline}. */
    public JobSubmitRequest withSchedule(Integer priority, java.time.Instant deadline) {
        return new JobSubmitRequest(title, language, files, tests, locality, timeoutSeconds, requester, restricted, requesterOrg,
            prompt, model, maxIterations, allowRemote, priority, deadline, planModel, idempotencyKey);
    }

    /** Whether a model writes this job's implementation (it carries a prompt). */
    public boolean agent() {
        return prompt != null;
    }

    /** The same job acting for {@code requester} of {@code requesterOrg}. */
    public JobSubmitRequest forRequester(String requester, String requesterOrg) {
        return new JobSubmitRequest(title, language, files, tests, locality, timeoutSeconds, requester, restricted, requesterOrg,
            prompt, model, maxIterations, allowRemote, priority, deadline, planModel, idempotencyKey);
    }

    /** The same job with {@code files} in place of its files (the agent's final answer). */
    public JobSubmitRequest withFiles(Map<String, String> files) {
        return new JobSubmitRequest(title, language, files, tests, locality, timeoutSeconds, requester, restricted, requesterOrg,
            prompt, model, maxIterations, allowRemote, priority, deadline, planModel, idempotencyKey);
    }

    /** The same job submitted with idempotency key {@code key} (null: none). */
    public JobSubmitRequest withIdempotencyKey(String key) {
        return new JobSubmitRequest(title, language, files, tests, locality, timeoutSeconds, requester, restricted, requesterOrg,
            prompt, model, maxIterations, allowRemote, priority, deadline, planModel, key);
    }
}
