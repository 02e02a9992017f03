-- Economy, part 2: payment intents (buying credits) and issuance windows.

-- created → pending → settled | expired | failed. Settling mints the credits exactly once:
-- the mint entry's idempotency key is 'intent:<id>' and mint_seq records it.
CREATE TABLE ledger_payment_intents (
    id            text        PRIMARY KEY,
    account       text        NOT NULL,
    credits_milli bigint      NOT NULL CHECK (credits_milli > 0),
    sats          bigint      NOT NULL CHECK (sats >= 0),
    quote_id      text        NOT NULL UNIQUE,
    provider      text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('created', 'pending', 'settled', 'expired', 'failed')),
    provider_ref  text,
    instructions  text,
    proof         text,
    failure       text,
    mint_seq      bigint,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX ledger_payment_intents_open ON ledger_payment_intents (expires_at) WHERE status IN ('created', 'pending');

-- Issuance measures verified contribution by time.
CREATE INDEX ledger_entries_kind_at ON ledger_entries (kind, at);

-- One row per recalculation: the trailing window [window_start, window_end) and the pool it
-- issued. Everything here can be recomputed from ledger_entries (docs/economy.md).
CREATE TABLE ledger_issuance_windows (
    window_end       timestamptz PRIMARY KEY,
    window_start     timestamptz NOT NULL,
    contributed_milli bigint     NOT NULL,
    contributors     int         NOT NULL,
    load_permille    bigint      NOT NULL,
    raw_daily_milli  bigint      NOT NULL,
    daily_milli      bigint      NOT NULL,
    issued_milli     bigint      NOT NULL,
    computed_at      timestamptz NOT NULL
);
