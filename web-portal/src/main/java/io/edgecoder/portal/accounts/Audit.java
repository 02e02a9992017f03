package io.edgecoder.portal.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Security audit of accounts: sign-ins (ok, failed, locked), sign-ups, verifications, password
 * resets and changes, sessions ended, tokens created and revoked, accounts created or changed by
 * an admin. An entry names the account concerned, who acted and the client address; never a
 * password, token or link.
 */
public final class Audit {
    public static final String ANONYMOUS = "anonymous";

    private final PgAccountStore store;

    public Audit(PgAccountStore store) {
        this.store = store;
    }

    /** Writes an entry; {@code detail} may be null. */
    public Future<Void> record(String accountId, String actor, String event, String address, JsonObject detail) {
        return store.audit(accountId, actor == null ? ANONYMOUS : actor, event, address, detail);
    }
}
