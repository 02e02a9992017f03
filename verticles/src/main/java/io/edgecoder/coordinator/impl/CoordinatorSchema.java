package io.edgecoder.coordinator.impl;

import java.util.List;

/** The coordinator's schema migrations, in order (version n is entry n). */
public final class CoordinatorSchema {
    public static final String COMPONENT = "coordinator";
    public static final List<String> MIGRATIONS = List.of(
        "db/coordinator/V001__jobs.sql",
        "db/coordinator/V002__org_isolation.sql",
        // Version 3. The file keeps the name it was given (V004) while a V003 for test reports was expected;
        // that work needed no schema change. The next migration is version 4, whatever its file is called.
        "db/coordinator/V004__verification.sql",
        // Version 4: indexes for listing a person's jobs and jobs by status (ownership, cancellation).
        "db/coordinator/V005__ownership_cancel.sql",
        // Version 5: agent steps, the loop's state and the audit of cloud handoffs (issue 11).
        "db/coordinator/V008__agent_steps.sql",
        // Version 6: priority, deadline, placement explanations, the index for queue bounds (scheduling, issue 12).
        "db/coordinator/V006__scheduling.sql",
        // Version 7: idempotency keys of job submissions (issue 12).
        "db/coordinator/V009__idempotency.sql",
        // Version 8: which planner made each job's plan, and why a model's plan was not used (issue 11).
        "db/coordinator/V010__planner.sql",
        // Version 9: the agent loop's own test runs, checked and paid per round (issue 11).
        "db/coordinator/V011__agent_runs.sql");

    private CoordinatorSchema() {
    }
}
