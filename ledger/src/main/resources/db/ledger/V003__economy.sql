-- Economy, part 1: credit lines and job holds.

-- An account may go below zero down to -limit_milli. Without a row, the role's configured
-- default for the account kind applies (docs/economy.md).
CREATE TABLE ledger_credit_lines (
    account     text        PRIMARY KEY,
    limit_milli bigint      NOT NULL CHECK (limit_milli >= 0),
    set_at      timestamptz NOT NULL DEFAULT now()
);

-- A job's budget hold and the price per CPU-second fixed when it was placed, so settling the
-- job again always computes the same amounts.
CREATE TABLE ledger_jobs (
    job_id             text        PRIMARY KEY,
    requester          text        NOT NULL,
    budget_milli       bigint      NOT NULL CHECK (budget_milli > 0),
    price_milli        bigint      NOT NULL CHECK (price_milli > 0),
    hold_seq           bigint      NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);
