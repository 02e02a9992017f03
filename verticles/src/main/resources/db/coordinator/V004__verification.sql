-- Verified work (issue 7): every signed result a worker returned (a claim), what became of it, and
-- each worker's record of agreeing with the final verdict. See docs/coordinator.md, "Verified work".

-- One row per dispatched attempt whose reply arrived. verdict: pending (awaiting comparison),
-- agreed (matched the final result; paid pay_ms when the subtask passed), disagreed (contradicted it),
-- unconfirmed (the subtask ended before a verdict), refused (not the lease holder, unsigned, wrongly
-- signed or impossible; reason says why).
CREATE TABLE subtask_claims (
    attempt_id    text PRIMARY KEY,
    subtask_id    text        NOT NULL REFERENCES subtasks (id) ON DELETE CASCADE,
    lease_id      text        NOT NULL,
    worker        text        NOT NULL,
    trusted       boolean     NOT NULL,
    status        text,
    result_digest text,
    cpu_ms        bigint,
    wall_ms       bigint,
    lease_wall_ms bigint      NOT NULL,
    cap_ms        bigint,
    signature     text,
    verdict       text        NOT NULL,
    reason        text,
    pay_ms        bigint,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX subtask_claims_subtask ON subtask_claims (subtask_id);

-- agreed: replicated results that matched the final verdict; quarantined_at set: no more work.
CREATE TABLE node_reputation (
    node_id        text PRIMARY KEY,
    agreed         bigint      NOT NULL DEFAULT 0,
    disagreed      bigint      NOT NULL DEFAULT 0,
    quarantined_at timestamptz,
    reason         text,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- How a subtask's result was confirmed, and why results were refused on the way.
ALTER TABLE subtasks ADD COLUMN verification text;
ALTER TABLE subtasks ADD COLUMN refused jsonb NOT NULL DEFAULT '[]'::jsonb;
