-- EdgeCoder ledger, version 1: a single append-only hash chain of double-entry entries.
-- Every entry moves amount_milli (> 0) from from_account to to_account. The hash covers the
-- canonical encoding of the entry and prev_hash (docs/ledger.md, "Canonical hash encoding").

CREATE TABLE ledger_entries (
    seq             bigint      PRIMARY KEY CHECK (seq > 0),
    at              timestamptz NOT NULL,
    kind            text        NOT NULL,
    from_account    text        NOT NULL,
    to_account      text        NOT NULL,
    amount_milli    bigint      NOT NULL CHECK (amount_milli > 0),
    reference       text        NOT NULL,
    idempotency_key text        NOT NULL UNIQUE,
    prev_hash       bytea       NOT NULL CHECK (length(prev_hash) = 32),
    hash            bytea       NOT NULL CHECK (length(hash) = 32),
    CHECK (from_account <> to_account)
);

CREATE INDEX ledger_entries_reference ON ledger_entries (reference);

-- The chain head: one row, locked FOR UPDATE by every append batch, which serialises appends
-- across all nodes sharing this database. Updated in the same transaction as the entries.
CREATE TABLE ledger_head (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    seq        bigint      NOT NULL,
    hash       bytea       NOT NULL,
    updated_at timestamptz NOT NULL
);
INSERT INTO ledger_head (id, seq, hash, updated_at) VALUES (1, 0, decode(repeat('00', 32), 'hex'), now());

-- Balances, maintained in the same transaction as the entries they sum (verify recomputes them).
CREATE TABLE ledger_accounts (
    account       text   PRIMARY KEY,
    balance_milli bigint NOT NULL DEFAULT 0,
    last_seq      bigint NOT NULL DEFAULT 0
);

-- Append only: rows are never updated or deleted by the application. Tampering needs a
-- superuser who disables triggers, and then verify names the first bad sequence number.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only (% refused)', TG_OP;
END
$$;
CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();
