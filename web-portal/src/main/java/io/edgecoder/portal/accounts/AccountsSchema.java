package io.edgecoder.portal.accounts;

import java.util.List;

/**
 * The portal's migrations, applied in order by mesh-core's Migrator as component
 * {@link #COMPONENT}. Entry n is version n: keep the list in file order. Reserved names:
 * {@code V002__identities_passkeys.sql} (OAuth identities, passkeys). {@code V003__payout.sql}
 * (payout destinations) is applied as a component of its own, {@code PayoutSchema}: never list it here.
 */
public final class AccountsSchema {
    public static final String COMPONENT = "accounts";
    public static final List<String> MIGRATIONS = List.of("db/accounts/V001__accounts.sql",
        "db/accounts/V002__identities_passkeys.sql");

    private AccountsSchema() {
    }
}
