package io.edgecoder.core.message;

import java.time.Instant;

/**
 * One iteration of a job's agent loop: what was asked of which model, what it cost, what changed
 * in the files and what the tests said. Recorded by the coordinator and shown on the job.
 *
 * @param iteration 1 for the first question to the model
 * @param worker node id of the worker that ran the loop
 * @param prompt the user message of this iteration (the task, or the failures fed back), clipped to
 *     {@link #MAX_TEXT} characters
 * @param servedBy node id of the inference node that answered; null when the model call failed
 * @param provider the provider name on that node
 * @param diff unified diff of the files the answer wrote against the files before it, clipped to
 *     {@link #MAX_TEXT} characters
 * @param status {@code passed}, {@code failed} (tests failed), {@code no_files} (the answer named no
 *     file the agent may write), {@code model_error} (the model call failed), {@code cancelled}
 * @param report the tests' report, all test files together; null when no test ran
 * @param modelMs time spent waiting for the model
 * @param testMs time spent running the tests in the sandbox
 * @param totalMs the whole iteration (model, parsing, diff, writing, tests)
 * @param error why the iteration went wrong (model error, unusable answer), safe to show; else null
 * @param chargedMilli milli-credits the model call of this iteration cost the job (paid from its escrow to the
 *     serving node); null when it was not settled
 * @param testCpuMs CPU time (user + system, ms) of this iteration's sandbox test runs, summed over its test files, as
 *     the worker measured them and signed in its {@code AgentRunReply}; null when no test ran
 * @param testChargedMilli milli-credits this iteration's test runs cost the job (paid from its hold to the worker when
 *     the job is settled verified; set by the coordinator); null while not paid (the job is not settled yet, it was
 *     not verified, or the measures were refused)
 */
public record AgentStep(
    int iteration,
    String worker,
    String model,
    String prompt,
    String servedBy,
    String provider,
    int promptTokens,
    int completionTokens,
    String diff,
    String status,
    TestReport report,
    long modelMs,
    long testMs,
    long totalMs,
    Instant startedAt,
    String error,
    Long chargedMilli,
    Long testCpuMs,
    Long testChargedMilli) {

    /** Characters kept of a step's prompt and of its diff. */
    public static final int MAX_TEXT = 32 * 1024;

    public AgentStep {
        prompt = clip(prompt);
        diff = clip(diff);
    }

    /** A step without a settled model charge. */
    public AgentStep(int iteration, String worker, String model, String prompt, String servedBy, String provider,
                     int promptTokens, int completionTokens, String diff, String status, TestReport report, long modelMs,
                     long testMs, long totalMs, Instant startedAt, String error) {
        this(iteration, worker, model, prompt, servedBy, provider, promptTokens, completionTokens, diff, status, report,
            modelMs, testMs, totalMs, startedAt, error, null);
    }

    /** A step with a model charge and no measure of its test runs. */
    public AgentStep(int iteration, String worker, String model, String prompt, String servedBy, String provider,
                     int promptTokens, int completionTokens, String diff, String status, TestReport report, long modelMs,
                     long testMs, long totalMs, Instant startedAt, String error, Long chargedMilli) {
        this(iteration, worker, model, prompt, servedBy, provider, promptTokens, completionTokens, diff, status, report,
            modelMs, testMs, totalMs, startedAt, error, chargedMilli, null, null);
    }

    /** This step with what its test runs cost the job. */
    public AgentStep withTestCharge(Long milli) {
        return new AgentStep(iteration, worker, model, prompt, servedBy, provider, promptTokens, completionTokens, diff, status,
            report, modelMs, testMs, totalMs, startedAt, error, chargedMilli, testCpuMs, milli);
    }

    /** {@code text} cut to {@link #MAX_TEXT} characters, the cut marked; null stays null. */
    public static String clip(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        String mark = "\n[edgecoder: clipped, " + (text.length() - MAX_TEXT) + " characters omitted]";
        return text.substring(0, MAX_TEXT - mark.length()) + mark;
    }
}
