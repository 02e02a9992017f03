-- The agent loop (issue 11): every step of a job's loop, the loop's state, and the audit of cloud handoffs.
CREATE TABLE agent_steps (
    job_id            text        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    run_id            text        NOT NULL,
    iteration         int         NOT NULL,
    seq               bigserial   UNIQUE,
    worker            text,
    model             text,
    status            text        NOT NULL,
    prompt_tokens     int         NOT NULL DEFAULT 0,
    completion_tokens int         NOT NULL DEFAULT 0,
    model_ms          bigint      NOT NULL DEFAULT 0,
    total_ms          bigint      NOT NULL DEFAULT 0,
    step              jsonb       NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, run_id, iteration)
);

-- null: no loop ran to its end yet (or the job has no prompt); 'done': the job's files are the loop's answer.
ALTER TABLE jobs ADD COLUMN agent_state text;

-- Each decision to let a job's prompt go to a named remote provider, or to withhold it.
CREATE TABLE agent_handoffs (
    seq         bigserial   PRIMARY KEY,
    job_id      text        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    run_id      text        NOT NULL,
    provider    text        NOT NULL,
    requester   text        NOT NULL,
    org         text,
    allowed     boolean     NOT NULL,
    reason      text        NOT NULL,
    decided_at  timestamptz NOT NULL DEFAULT now()
);
