-- Quotes as issued. Any ledger node on this database accepts a quote that one of them recorded
-- here, exactly as recorded, and no other (docs/economy.md, "Quotes and payment intents").
CREATE TABLE ledger_quotes (
    id               text        PRIMARY KEY,
    direction        text        NOT NULL CHECK (direction IN ('buy', 'sell')),
    credits_milli    bigint      NOT NULL CHECK (credits_milli > 0),
    sats             bigint      NOT NULL CHECK (sats >= 0),
    usd_per_btc      bigint      NOT NULL CHECK (usd_per_btc > 0),
    credit_usd_micro bigint      NOT NULL CHECK (credit_usd_micro > 0),
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    signer_key       text        NOT NULL,
    signature        bytea       NOT NULL
);
-- The sweep forgets expired quotes that no payment intent used.
CREATE INDEX ledger_quotes_expires ON ledger_quotes (expires_at);
