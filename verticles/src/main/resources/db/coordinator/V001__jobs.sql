-- Jobs and their subtasks, owned by the coordinator role.
CREATE TABLE jobs (
    id              text PRIMARY KEY,
    seq             bigserial UNIQUE,
    title           text        NOT NULL,
    language        text        NOT NULL,
    locality        text        NOT NULL,
    requester       text        NOT NULL,
    status          text        NOT NULL,
    verified        boolean     NOT NULL DEFAULT false,
    restricted      boolean     NOT NULL DEFAULT false,
    timeout_seconds int         NOT NULL,
    spec            jsonb       NOT NULL,
    notes           jsonb       NOT NULL DEFAULT '[]'::jsonb,
    owner           text,
    lease_until     timestamptz,
    settled         boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);

CREATE INDEX jobs_unfinished ON jobs (lease_until) WHERE status IN ('queued', 'running');

CREATE TABLE subtasks (
    id          text PRIMARY KEY,
    job_id      text        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    ordinal     int         NOT NULL,
    test        text        NOT NULL,
    status      text        NOT NULL,
    worker      text,
    attempts    int         NOT NULL DEFAULT 0,
    attempt_id  text,
    exit_code   int,
    duration_ms bigint,
    cpu_ms      bigint,
    stdout      text,
    stderr      text,
    isolation   text,
    report      jsonb,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_id, ordinal)
);
