package io.edgecoder.portal.accounts;

import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Personal API tokens: {@code ecp_} followed by 256 random bits, shown once at creation and stored
 * as a SHA-256 hash; scoped ({@code read}, {@code jobs}, {@code admin}), expiring, revocable, with a
 * last-used time (written at most once a minute per token and node, so using a token costs no write
 * per request).
 */
public final class TokenService {
    public static final String PREFIX = "ecp_";
    static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);

    private final PgCredentialStore store;
    private final CredentialCache cache;
    private final Clock clock;
    private final Map<String, Instant> lastUsedWritten = new ConcurrentHashMap<>();
    private final Map<String, String> tokenIds = new ConcurrentHashMap<>();

    public TokenService(PgCredentialStore store, CredentialCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /** A new token and the secret, which is never available again. */
    public record Created(ApiToken token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token.id() + "]";
        }
    }

    public Future<Created> create(String accountId, String name, Set<String> scopes, int days) {
        String secret = Secrets.credential(PREFIX);
        Instant now = clock.instant();
        ApiToken token = new ApiToken(Secrets.id("tok_", 16), accountId, name, scopes, now, now.plus(Duration.ofDays(days)), null, null);
        return store.insertToken(token, Secrets.hash("token", secret)).map(v -> new Created(token, secret));
    }

    public Future<List<ApiToken>> list(String accountId) {
        return store.tokens(accountId);
    }

    /** Revokes the token of {@code accountId} (of anyone when null) on every node; 404 when there is none. */
    public Future<Void> revoke(String tokenId, String accountId) {
        return store.revokeToken(tokenId, accountId, clock.instant()).compose(hash -> {
            if (hash.isEmpty()) {
                return Future.failedFuture(MeshException.notFound("no such token: " + clip(tokenId)));
            }
            cache.revoke("token", PgCredentialStore.b64(hash.get()));
            return Future.succeededFuture();
        });
    }

    /** The caller of a live token, or empty. */
    public Future<Optional<Caller>> resolve(String secret) {
        String key = Secrets.hashText("token", secret);
        Caller cached = cache.get("token", key);
        if (cached != null) {
            String id = tokenIds.get(key);
            if (id != null) {
                noteUse(id, null, clock.instant());
            }
            return Future.succeededFuture(Optional.of(cached));
        }
        Instant now = clock.instant();
        return store.token(Secrets.hash("token", secret), now).map(hit -> hit.map(h -> {
            Caller caller = caller(h.account(), h.scopes());
            cache.put("token", key, caller, h.account().id(), h.expiresAt());
            if (tokenIds.size() >= CredentialCache.MAX_ENTRIES) {
                tokenIds.clear();
                lastUsedWritten.clear();
            }
            tokenIds.put(key, h.tokenId());
            noteUse(h.tokenId(), h.lastUsedAt(), now);
            return caller;
        }));
    }

    private void noteUse(String tokenId, Instant stored, Instant now) {
        Instant last = lastUsedWritten.get(tokenId);
        Instant known = last != null ? last : stored;
        if (known == null || known.plus(LAST_USED_EVERY).isBefore(now)) {
            lastUsedWritten.put(tokenId, now);
            store.tokenUsed(tokenId, now);
        }
    }

    static Caller caller(Account account, Set<String> scopes) {
        boolean admin = account.admin() && scopes.contains(Caller.SCOPE_ADMIN);
        return new Caller(account.id(), admin, account.roles(), account.org(), scopes, Caller.VIA_TOKEN);
    }

    private static String clip(String s) {
        String t = String.valueOf(s).replaceAll("\\p{Cntrl}", "?");
        return t.length() <= 64 ? t : t.substring(0, 61) + "...";
    }
}
