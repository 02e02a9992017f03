-- Inference settlement (issue 11): one row per chat call escrowed through the ledger. The money itself moves
-- only in ledger_entries (hash-chained, verified): the escrow 'hold' payer → call:<id> (key inference:<id>:hold,
-- and inference:<id>:hold:topup for the part a job's hold could not cover), then either 'earn' call:<id> →
-- node:<server> (key inference:<id>) plus the unused rest back, or a full 'release' (the same key inference:<id>,
-- so a call is closed once, one way). This table records the terms fixed at authorization (class, prices,
-- escrow) and the reported usage, so repeating a settlement computes the same entries.
CREATE TABLE ledger_inference_calls (
    call_id                text        PRIMARY KEY,
    actor                  text        NOT NULL,
    job_id                 text,
    payer                  text        NOT NULL,
    refund                 text        NOT NULL,
    model                  text        NOT NULL,
    model_class            text        NOT NULL CHECK (model_class IN ('small', 'medium', 'large')),
    prompt_price_milli     bigint      NOT NULL CHECK (prompt_price_milli >= 0),
    completion_price_milli bigint      NOT NULL CHECK (completion_price_milli > 0),
    prompt_chars           bigint      NOT NULL CHECK (prompt_chars >= 0),
    messages               int         NOT NULL CHECK (messages > 0),
    reserved_milli         bigint      NOT NULL CHECK (reserved_milli > 0),
    -- of reserved_milli: the part the payer (a job's hold) covered; the rest came from the refund account (top-up)
    held_milli             bigint      NOT NULL CHECK (held_milli >= 0 AND held_milli <= reserved_milli),
    routed_by              text        NOT NULL,
    state                  text        NOT NULL CHECK (state IN ('reserved', 'paid', 'released')),
    served_by              text,
    payee                  text,
    provider               text,
    prompt_tokens          bigint,
    completion_tokens      bigint,
    millis                 bigint,
    estimated              boolean     NOT NULL DEFAULT false,
    charged_milli          bigint      NOT NULL DEFAULT 0,
    failure_code           int,
    created_at             timestamptz NOT NULL DEFAULT now(),
    closed_at              timestamptz
);
CREATE INDEX ledger_inference_calls_job ON ledger_inference_calls (job_id) WHERE job_id IS NOT NULL;
-- The sweep returns escrows whose call never reported back (a routing node that died mid-call).
CREATE INDEX ledger_inference_calls_open ON ledger_inference_calls (created_at) WHERE state = 'reserved';
