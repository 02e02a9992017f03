package io.edgecoder.portal.accounts;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-up, email verification and accounts made by an admin (or by a sign-in with a provider).
 * A sign-up creates no account: it mails a single-use link whose stored row holds the pending
 * password hash, and opening the link creates the verified account with that password. So nobody can
 * claim an address they cannot read, and the answer to a sign-up never says whether the address
 * already has an account (that address gets a different mail instead).
 */
public final class AccountService {
    public static final Duration VERIFY_VALID = Duration.ofHours(24);
    public static final Duration INVITATION_VALID = Duration.ofDays(7);

    private final PgAccountStore store;
    private final PasswordWork passwords;
    private final MailSender mail;
    private final Audit audit;
    private final Clock clock;

    public AccountService(PgAccountStore store, PasswordWork passwords, MailSender mail, Audit audit, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /** Hashes the password and mails a verification link (or, for a taken address, a notice). */
    public Future<Void> signUp(String email, String password, String address) {
        return passwords.hash(password)
            .compose(hash -> store.byEmail(email).compose(existing -> existing.isPresent()
                ? notifyExisting(existing.get(), address)
                : pendingSignUp(email, hash, address)));
    }

    private Future<Void> notifyExisting(Account account, String address) {
        mail.send(account.email(), mail.texts().alreadyRegistered());
        return audit.record(account.id(), Audit.ANONYMOUS, "signup.existing", address, null);
    }

    private Future<Void> pendingSignUp(String email, String hash, String address) {
        String token = Secrets.credential("ecv_");
        Instant now = clock.instant();
        return store.retireMailTokens(email, "signup", now)
            .compose(v -> store.insertMailToken(Secrets.hash("mail", token), "signup", email, null, hash, now, now.plus(VERIFY_VALID)))
            .onSuccess(v -> mail.send(email, mail.texts().verify(token, VERIFY_VALID)))
            .compose(v -> audit.record(null, Audit.ANONYMOUS, "signup.requested", address, new JsonObject().put("domain", domain(email))));
    }

    /** Opens a verification link: creates the verified account with the password chosen at sign-up. */
    public Future<Account> verify(String token, String address) {
        Instant now = clock.instant();
        return store.pool().withTransaction(conn -> store.useMailToken(conn, Secrets.hash("mail", token), "signup", now)
                .compose(used -> used.isPresent() ? createFromSignUp(conn, used.get(), now)
                    : Future.failedFuture(MeshException.badRequest("token: unknown, already used or expired"))))
            .compose(account -> audit.record(account.id(), account.id(), "signup.verified", address, null).map(account));
    }

    private Future<Account> createFromSignUp(SqlClient conn, PgAccountStore.MailToken used, Instant now) {
        Account account = new Account(newId(), used.email(), true, used.passwordHash(), Set.of(AccountRole.USER.id()), null, false, now);
        return store.insert(conn, account).compose(inserted -> inserted.isPresent() ? Future.succeededFuture(inserted.get())
            : Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "email: already has an account; sign in instead")));
    }

    /**
     * Creates an account that is verified already (an admin vouches for it, or a provider verified
     * the email): 409 when the email has an account. Without a password the account can sign in only
     * another way, or after choosing one through {@link PasswordResets#invite}.
     */
    public Future<Account> createVerified(String email, String passwordHash, Set<AccountRole> roles, String org, String actor,
                                          String address) {
        Account account = new Account(newId(), email, true, passwordHash, AccountRole.ids(roles), org, false, clock.instant());
        return store.insert(store.pool(), account)
            .compose(inserted -> inserted.isPresent() ? Future.succeededFuture(inserted.get())
                : Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "email: already has an account")))
            .compose(created -> audit.record(created.id(), actor, "account.created", address,
                new JsonObject().put("roles", String.join(",", created.roles()))).map(created));
    }

    public Future<Optional<Account>> byEmail(String normalisedEmail) {
        return store.byEmail(normalisedEmail);
    }

    public Future<Optional<Account>> byId(String id) {
        return store.byId(id);
    }

    /** A new account id: {@code acc_} and 20 random base32 characters (100 bits). */
    public static String newId() {
        return Secrets.id("acc_", 20);
    }

    static String domain(String email) {
        return email.substring(email.indexOf('@') + 1);
    }

}
