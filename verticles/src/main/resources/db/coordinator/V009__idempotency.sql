-- Idempotent job submission (issue 12): a client's key for a submission, kept per account. A repeat
-- with the same key and the same job (by fingerprint) returns the job recorded first; the unique key
-- makes concurrent repeats record one job. Keys older than the retention (24 h) are deleted by the
-- coordinator's upkeep and ignored before that; deleting a job deletes its key.
CREATE TABLE job_idempotency (
    requester   text        NOT NULL,
    key         text        NOT NULL,
    fingerprint text        NOT NULL,
    job_id      text        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (requester, key)
);

CREATE INDEX job_idempotency_created ON job_idempotency (created_at);
