-- Signed checkpoints: every N entries or T seconds, the RFC 6962 Merkle root over the chain
-- hashes of entries 1..tree_size, signed with the writing node's Ed25519 key. Each checkpoint
-- newly covers entries first_seq..tree_size; frontier lets the next one extend the tree
-- without re-reading old entries (it is derived data and is not signed).
CREATE TABLE ledger_checkpoints (
    id          bigint      PRIMARY KEY CHECK (id > 0),
    tree_size   bigint      NOT NULL UNIQUE CHECK (tree_size > 0),
    first_seq   bigint      NOT NULL,
    root        bytea       NOT NULL CHECK (length(root) = 32),
    head_hash   bytea       NOT NULL CHECK (length(head_hash) = 32),
    at          timestamptz NOT NULL,
    signer_node text        NOT NULL,
    signer_key  text        NOT NULL,
    signature   bytea       NOT NULL,
    frontier    bytea       NOT NULL
);

-- Anchors: a checkpoint root submitted to an external timestamping service (for example
-- OpenTimestamps on Bitcoin) and, once the service answers, its proof.
CREATE TABLE ledger_anchors (
    checkpoint_id bigint      NOT NULL REFERENCES ledger_checkpoints (id),
    service       text        NOT NULL,
    digest        bytea       NOT NULL,
    submitted_at  timestamptz NOT NULL,
    proof         bytea,
    proven_at     timestamptz,
    PRIMARY KEY (checkpoint_id, service)
);

CREATE TRIGGER ledger_checkpoints_no_change BEFORE UPDATE OR DELETE ON ledger_checkpoints
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
