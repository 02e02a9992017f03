-- The agent loop's own test runs are paid like subtask runs (issue 11).
-- Each run of a job's loop whose reply came back: the lease it held, as the coordinator measured it, and whether the
-- signed measures of its test runs were accepted (refusal null) or refused, and why.
CREATE TABLE agent_runs (
    job_id        text        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    run_id        text        NOT NULL,
    worker        text        NOT NULL,
    lease_wall_ms bigint      NOT NULL,
    cores         int         NOT NULL,
    refusal       text,
    checked_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, run_id)
);

-- Per round: the CPU its sandbox test runs took as the worker signed it, the ledger attempt id it is paid under
-- (agent:<run>:<iteration>, key settle:<attempt id>), the CPU paid (at most its cap) and, once the job was settled,
-- what the ledger charged the job for it.
ALTER TABLE agent_steps ADD COLUMN test_cpu_ms bigint;
ALTER TABLE agent_steps ADD COLUMN pay_attempt text;
ALTER TABLE agent_steps ADD COLUMN pay_ms bigint;
ALTER TABLE agent_steps ADD COLUMN test_charged_milli bigint;
