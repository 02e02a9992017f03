package io.edgecoder.portal.accounts;

import java.util.List;

/**
 * The portal's migrations, applied in order by mesh-core's Migrator as component
 * {@link #COMPONENT}. Entry n is version n: keep the list in file order. Reserved names:
 * {@code V002__identities_passkeys.sql} (OAuth identities, passkeys) and {@code V003__payout.sql}
 * (payout destinations). Whoever lands V003 before V002 exists must not list it at index 2 (a
 * database migrated then would skip V002 later): land them in order.
 */
public final class AccountsSchema {
    public static final String COMPONENT = "accounts";
    public static final List<String> MIGRATIONS = List.of("db/accounts/V001__accounts.sql",
        "db/accounts/V002__identities_passkeys.sql");

    private AccountsSchema() {
    }
}
