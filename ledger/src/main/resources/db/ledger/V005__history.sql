-- Paged history per account reads entries by either side.
CREATE INDEX ledger_entries_from ON ledger_entries (from_account, seq);
CREATE INDEX ledger_entries_to ON ledger_entries (to_account, seq);
