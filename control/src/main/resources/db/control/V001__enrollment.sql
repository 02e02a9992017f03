-- Enrollment: tokens an admin hands out, the nodes that enrolled with them, and every decision.

-- A single-use enrollment token. Only the SHA-256 of its secret is kept; the token itself is shown
-- once to the admin who created it. Bound to an organisation, roles and ring.
CREATE TABLE control_enroll_tokens (
    token_hash   text        PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    org          text        NOT NULL,
    roles        text        NOT NULL,   -- comma-separated role ids
    ring         text        NOT NULL CHECK (ring IN ('core', 'edge')),
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    used_by_node text,
    CHECK (expires_at > created_at),
    CHECK ((used_at IS NULL) = (used_by_node IS NULL))
);

-- A node known to the control role. Its id derives from its public key, so a key has one id
-- and an id one key.
CREATE TABLE control_nodes (
    node_id         text        PRIMARY KEY,
    public_key      text        NOT NULL UNIQUE,
    key_fingerprint text        NOT NULL,
    org             text        NOT NULL,
    roles           text        NOT NULL,
    ring            text        NOT NULL CHECK (ring IN ('core', 'edge')),
    status          text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'revoked')),
    enrolled_at     timestamptz NOT NULL,
    token_hash      text        REFERENCES control_enroll_tokens (token_hash),
    decided_by      text,
    decided_at      timestamptz,
    reason          text,
    cert_serial     text,
    cert_expires_at timestamptz
);
CREATE INDEX control_nodes_status ON control_nodes (status, enrolled_at DESC);

-- Every decision: token created, node enrolled, approved, rejected, revoked. Append-only.
CREATE TABLE control_audit (
    seq     bigserial   PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    action  text        NOT NULL,
    subject text        NOT NULL,
    detail  text
);
