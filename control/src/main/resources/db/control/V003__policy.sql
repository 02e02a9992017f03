-- Policy (issue 10): network modes, blacklist, rollouts, what each node applied, and the audit as a hash chain.

-- The audit becomes a hash chain: each entry's hash covers the previous entry's hash and its own fields
-- (computed by the control role; entries written before this migration are chained at the next start).
ALTER TABLE control_audit ADD COLUMN prev_hash text CHECK (prev_hash ~ '^[0-9a-f]{64}$');
ALTER TABLE control_audit ADD COLUMN hash text CHECK (hash ~ '^[0-9a-f]{64}$');

-- The head of the chain and the policy version, one row. Every audited change locks it (FOR UPDATE), so the
-- entries of all control nodes sharing this database form one chain and versions never repeat.
CREATE TABLE control_chain (
    id             integer     PRIMARY KEY CHECK (id = 1),
    head_seq       bigint      NOT NULL,
    head_hash      text        NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
    policy_version bigint      NOT NULL CHECK (policy_version >= 0),
    committed_at   timestamptz
);
INSERT INTO control_chain (id, head_seq, head_hash, policy_version) VALUES (1, 0, repeat('0', 64), 0);

-- Network mode of the deployment (scope '*') and of organisations (scope = org).
CREATE TABLE control_modes (
    scope   text        PRIMARY KEY,
    mode    text        NOT NULL CHECK (mode IN ('local-only', 'swarm', 'public')),
    version bigint      NOT NULL,
    set_by  text        NOT NULL,
    set_at  timestamptz NOT NULL,
    reason  text
);

CREATE TABLE control_blacklist (
    id         bigserial   PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('node-key', 'node', 'account', 'org')),
    value      text        NOT NULL,
    reason     text        NOT NULL,
    evidence   text,
    author     text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz,
    removed_by text,
    removed_at timestamptz,
    version    bigint      NOT NULL,
    CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE INDEX control_blacklist_active ON control_blacklist (id) WHERE removed_at IS NULL;

CREATE TABLE control_rollouts (
    id              bigserial   PRIMARY KEY,
    name            text        NOT NULL UNIQUE,
    kind            text        NOT NULL CHECK (kind IN ('config', 'agent')),
    settings        text        NOT NULL,   -- JSON object of string values
    agent_version   text,
    steps           text        NOT NULL,   -- comma-separated percentages, increasing
    step_index      integer     NOT NULL CHECK (step_index >= 0),
    state           text        NOT NULL CHECK (state IN ('running', 'paused', 'completed', 'rolled-back')),
    max_error_rate  double precision,
    max_latency_ms  bigint,
    step_seconds    integer     NOT NULL,
    min_runs        integer     NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    step_started_at timestamptz NOT NULL,
    state_reason    text,
    version         bigint      NOT NULL,
    roles           text        NOT NULL    -- comma-separated role ids; empty: every node
);

-- Each node's last acknowledgement of a policy version (for control status and the health gate).
CREATE TABLE control_node_policy (
    node_id         text        PRIMARY KEY,
    org             text,
    roles           text        NOT NULL,
    version         bigint      NOT NULL,
    committed_at    timestamptz,
    applied_at      timestamptz NOT NULL,
    agent_version   text,
    rollouts        text        NOT NULL,
    runs            bigint      NOT NULL,
    errors          bigint      NOT NULL,
    mean_latency_ms bigint      NOT NULL,
    seen_at         timestamptz NOT NULL
);
