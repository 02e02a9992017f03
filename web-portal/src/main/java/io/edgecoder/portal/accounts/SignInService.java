package io.edgecoder.portal.accounts;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with email and password. Every wrong answer is the same 401 ("email or password is
 * wrong"), for unknown and known emails alike, and takes as long: an unknown email is checked
 * against a dummy hash. Failures count per email (known or not) and lock it for a while; a
 * correct password of a stored hash weaker than today's parameters is rehashed.
 */
public final class SignInService {
    private static final Logger LOG = LoggerFactory.getLogger(SignInService.class);
    public static final String WRONG = "email or password is wrong";

    private final PgAccountStore store;
    private final PasswordWork passwords;
    private final RateLimiter limiter;
    private final AbuseLimits limits;
    private final Audit audit;

    public SignInService(PgAccountStore store, PasswordWork passwords, RateLimiter limiter, AbuseLimits limits, Audit audit) {
        this.store = store;
        this.passwords = passwords;
        this.limiter = limiter;
        this.limits = limits;
        this.audit = audit;
    }

    /** The account whose password this is; fails 401, 403 (disabled) or 429 (locked). */
    public Future<Account> check(String email, String password, String address) {
        return limiter.checkLock(email)
            .compose(v -> store.byEmail(email))
            .compose(account -> passwords.verify(password, account.map(Account::passwordHash).orElse(null))
                .compose(ok -> ok ? accepted(account.get(), password, address) : refused(email, account, address)));
    }

    private Future<Account> accepted(Account account, String password, String address) {
        if (account.disabled()) {
            return audit.record(account.id(), account.id(), "signin.disabled", address, null)
                .compose(v -> Future.failedFuture(new MeshException(ErrorCode.FORBIDDEN, "this account is disabled")));
        }
        if (passwords.hasher().needsRehash(account.passwordHash())) {
            passwords.hash(password).compose(fresh -> store.rehash(account.id(), account.passwordHash(), fresh))
                .onFailure(e -> LOG.warn("rehash of account {} failed: {}", account.id(), e.getMessage()));
        }
        return limiter.succeeded(account.email()).map(account);
    }

    private Future<Account> refused(String email, Optional<Account> account, String address) {
        String id = account.map(Account::id).orElse(null);
        return limiter.failed(email, limits.failuresBeforeLock(), limits.lockout())
            .compose(locked -> audit.record(id, Audit.ANONYMOUS, locked ? "signin.locked" : "signin.failed", address,
                id == null ? new JsonObject().put("domain", AccountService.domain(email)) : null))
            .compose(v -> Future.failedFuture(new MeshException(ErrorCode.UNAUTHORIZED, WRONG)));
    }

    /** Records a successful sign-in (after the session started). */
    public Future<Void> signedIn(Account account, String method, String address) {
        return audit.record(account.id(), account.id(), "signin.ok", address, new JsonObject().put("method", method));
    }
}
