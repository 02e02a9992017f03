-- Standing allowances for model calls (issue 11, docs/inference.md "Settlement", "Allowances"): credits of an account
-- escrowed ahead for one routing inference node, so that node starts the account's calls without waiting for the
-- ledger. The money moves only in ledger_entries: the grant 'hold' user:<payer> → allowance:<id> (key
-- allowance:<id>:hold), each call's escrow 'hold' allowance:<id> → call:<callId> (key inference:<callId>:hold), the
-- call's rest back into the allowance, and at the end one 'release' allowance:<id> → user:<payer> of what is left
-- (key allowance:<id>:close). allowance:<id> is a system account: the balance rule keeps it at or above zero, so
-- no call is ever paid beyond what is left of its allowance, whatever a routing node claims.
CREATE TABLE ledger_allowances (
    allowance_id  text        PRIMARY KEY,
    payer         text        NOT NULL,
    -- the node the allowance was granted to, from the sender's certificate (never from the message body)
    routed_by     text        NOT NULL,
    amount_milli  bigint      NOT NULL CHECK (amount_milli > 0),
    -- open: draws accepted; closing: no new draws, the rest returns once its calls are settled; closed: returned
    state         text        NOT NULL CHECK (state IN ('open', 'closing', 'closed')),
    returned_milli bigint     NOT NULL DEFAULT 0 CHECK (returned_milli >= 0),
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    closed_at     timestamptz
);
CREATE INDEX ledger_allowances_due ON ledger_allowances (expires_at) WHERE state <> 'closed';
CREATE INDEX ledger_allowances_router ON ledger_allowances (routed_by) WHERE state = 'open';

-- A call paid from an allowance names it (null: escrowed on its own, or from a job's hold).
ALTER TABLE ledger_inference_calls ADD COLUMN allowance_id text REFERENCES ledger_allowances (allowance_id);
CREATE INDEX ledger_inference_calls_allowance ON ledger_inference_calls (allowance_id) WHERE allowance_id IS NOT NULL;
