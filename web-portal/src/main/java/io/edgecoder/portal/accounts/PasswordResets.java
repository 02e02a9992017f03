package io.edgecoder.portal.accounts;

import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Password reset by a single-use link, and the invitation of an account an admin created without a
 * password (the same link, valid longer). Asking for a reset answers the same whether the email has
 * an account or not. Setting a password ends every session of the account on every node, clears the
 * sign-in lockout, marks the email verified (the link proved it) and mails a notice.
 */
public final class PasswordResets {
    public static final Duration RESET_VALID = Duration.ofHours(1);

    private final PgAccountStore store;
    private final PasswordWork passwords;
    private final SessionService sessions;
    private final CredentialCache cache;
    private final RateLimiter limiter;
    private final MailSender mail;
    private final Audit audit;
    private final Clock clock;

    public PasswordResets(PgAccountStore store, PasswordWork passwords, SessionService sessions, CredentialCache cache,
                          RateLimiter limiter, MailSender mail, Audit audit, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.sessions = sessions;
        this.cache = cache;
        this.limiter = limiter;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /** Mails a reset link when {@code email} has an enabled account; does nothing otherwise. */
    public Future<Void> request(String email, String address) {
        return store.byEmail(email).compose(account -> account.isEmpty() || account.get().disabled()
            ? Future.succeededFuture()
            : mailLink(account.get(), RESET_VALID, false)
                .compose(v -> audit.record(account.get().id(), Audit.ANONYMOUS, "password.reset.requested", address, null)));
    }

    /** Mails an invitation link to a new account without a password. */
    public Future<Void> invite(Account account) {
        return mailLink(account, AccountService.INVITATION_VALID, true);
    }

    private Future<Void> mailLink(Account account, Duration valid, boolean invitation) {
        String token = Secrets.credential("ecr_");
        Instant now = clock.instant();
        return store.retireMailTokens(account.email(), "reset", now)
            .compose(v -> store.insertMailToken(Secrets.hash("mail", token), "reset", account.email(), account.id(), null, now,
                now.plus(valid)))
            .onSuccess(v -> mail.send(account.email(), invitation ? mail.texts().invitation(token, valid)
                : mail.texts().reset(token, valid)));
    }

    /** Sets the password of the link's account (checked by the caller against the policy); 400 for a bad link. */
    public Future<Void> confirm(String token, String password, String address) {
        Instant now = clock.instant();
        return passwords.hash(password).compose(hash -> store.pool().withTransaction(conn ->
                store.useMailToken(conn, Secrets.hash("mail", token), "reset", now).compose(used -> {
                    if (used.isEmpty() || used.get().accountId() == null) {
                        return Future.failedFuture(MeshException.badRequest("token: unknown, already used or expired"));
                    }
                    String id = used.get().accountId();
                    return store.setPassword(conn, id, hash)
                        .compose(v -> conn.preparedQuery("UPDATE accounts SET email_verified = true WHERE id = $1")
                            .execute(io.vertx.sqlclient.Tuple.of(id)))
                        .compose(v -> sessions.endAll(conn, id))
                        .map(ended -> used.get());
                })))
            .compose(used -> changed(used.accountId(), used.email(), address));
    }

    private Future<Void> changed(String accountId, String email, String address) {
        cache.revokeAccount(accountId);
        mail.send(email, mail.texts().passwordChanged());
        return limiter.succeeded(email)
            .compose(v -> audit.record(accountId, accountId, "password.reset", address, new JsonObject()));
    }
}
