package io.edgecoder.ledger.impl;

import java.util.List;

/** The ledger's migrations, applied in order by mesh-core's Migrator as component {@link #COMPONENT}. */
public final class LedgerSchema {
    public static final String COMPONENT = "ledger";
    public static final List<String> MIGRATIONS = List.of(
        "db/ledger/V001__ledger.sql",
        "db/ledger/V002__checkpoints.sql",
        "db/ledger/V003__economy.sql",
        "db/ledger/V004__payments_issuance.sql",
        "db/ledger/V005__history.sql",
        "db/ledger/V006__quotes.sql",
        "db/ledger/V007__inference.sql",
        "db/ledger/V008__allowances.sql");

    private LedgerSchema() {
    }
}
