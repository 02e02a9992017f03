-- Payout destinations (issue 8, wallet onboarding): where a person wants their earnings paid. One
-- per account; changes are audited in account_audit (payout.set, payout.removed) and mailed to the
-- account's address. Nothing here moves money.
CREATE TABLE payout_destinations (
    account_id  text PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('bitcoin', 'lightning')),
    address     text NOT NULL CHECK (length(address) BETWEEN 1 AND 254),
    network     text,                                 -- bc, tb or bcrt for a bitcoin address
    updated_at  timestamptz NOT NULL DEFAULT now()
);
