package io.edgecoder.portal.wallet;

import io.edgecoder.core.db.Migrator;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The payout table's migrations in the accounts database, applied as a component of their own
 * ({@value #COMPONENT}) after the accounts' ({@code AccountsSchema}): its versions then never
 * depend on which of the accounts' migrations (V002 identities and passkeys, ...) landed first.
 * The file keeps the name reserved for it among the accounts' migrations.
 */
public final class PayoutSchema {
    public static final String COMPONENT = "payout";
    public static final List<String> MIGRATIONS = List.of("db/accounts/V003__payout.sql");

    private PayoutSchema() {
    }

    public static Future<Void> migrate(Pool pool) {
        return new Migrator(pool).migrate(COMPONENT, MIGRATIONS).mapEmpty();
    }
}
