package io.edgecoder.portal.accounts;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.AccountAddresses;
import io.edgecoder.core.message.CredentialsRevoked;
import io.edgecoder.portal.Caller;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolved sessions and tokens of this portal node, kept for at most {@code ttl} (and never past the
 * credential's own end), so that authorising a request with a known credential costs a hash and a
 * map lookup instead of a database query. Ending a credential publishes
 * {@link AccountAddresses#CREDENTIALS_REVOKED}; every portal node (this one included) drops the
 * matching entries when it hears it. Should a publish be lost, an entry still lives at most {@code ttl}.
 * Bounded: beyond {@value #MAX_ENTRIES} entries it starts afresh.
 */
public final class CredentialCache {
    static final int MAX_ENTRIES = 20_000;

    private record Entry(Caller caller, String accountId, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;
    private final BusClient bus;

    public CredentialCache(Duration ttl, Clock clock, BusClient bus) {
        this.ttl = ttl;
        this.clock = clock;
        this.bus = bus;
    }

    /** Listens for revocations from every portal node. */
    public Future<Void> listen() {
        return bus.consumer(AccountAddresses.CREDENTIALS_REVOKED, CredentialsRevoked.class, this::onRevoked).mapEmpty();
    }

    private Future<Void> onRevoked(CredentialsRevoked event) {
        if ("account".equals(event.kind())) {
            entries.values().removeIf(e -> e.accountId().equals(event.key()));
        } else {
            entries.remove(event.kind() + ":" + event.key());
        }
        return Future.succeededFuture();
    }

    /** The cached caller of credential {@code key} of {@code kind}, or null. */
    public Caller get(String kind, String key) {
        Entry e = entries.get(kind + ":" + key);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.until())) {
            entries.remove(kind + ":" + key, e);
            return null;
        }
        return e.caller();
    }

    public void put(String kind, String key, Caller caller, String accountId, Instant credentialEnd) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        Instant until = clock.instant().plus(ttl);
        entries.put(kind + ":" + key, new Entry(caller, accountId, until.isBefore(credentialEnd) ? until : credentialEnd));
    }

    /** Tells every portal node (this one too) that a credential, or every credential of an account, ended. */
    public void revoke(String kind, String key) {
        onRevoked(new CredentialsRevoked(kind, key));
        bus.publish(AccountAddresses.CREDENTIALS_REVOKED, new CredentialsRevoked(kind, key));
    }

    public void revokeAccount(String accountId) {
        revoke("account", accountId);
    }

    int size() {
        return entries.size();
    }
}
