package io.edgecoder.portal.passkeys;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.oidc.OAuthFlow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.webauthn4j.Attestation;
import io.vertx.ext.auth.webauthn4j.RelyingParty;
import io.vertx.ext.auth.webauthn4j.ResidentKey;
import io.vertx.ext.auth.webauthn4j.UserVerification;
import io.vertx.ext.auth.webauthn4j.WebAuthn4J;
import io.vertx.ext.auth.webauthn4j.WebAuthn4JCredentials;
import io.vertx.ext.auth.webauthn4j.WebAuthn4JOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Passkeys through Vert.x Auth WebAuthn4J: discoverable credentials (resident keys) with user
 * verification required, no attestation. Each ceremony's challenge is stored under a random key
 * the browser holds in a cookie and used once. Registration belongs to a signed-in account;
 * sign-in needs no user name (the authenticator offers the account's passkey).
 */
public final class PasskeyService {
    public static final int MAX_PER_ACCOUNT = 10;
    public static final Duration CEREMONY_TTL = Duration.ofMinutes(5);
    static final String REGISTER = "register";
    static final String LOGIN = "login";

    /** Options for the browser and the value of the cookie that binds the ceremony to it. */
    public record Ceremony(JsonObject options, String binding) {
    }

    private final WebAuthn4J webauthn;
    private final PgPasskeyStore passkeys;
    private final PgChallengeStore challenges;
    private final PasskeyConfig config;
    private final Supplier<String> portalUrl;
    private final Clock clock;

    /** {@code portalUrl} gives the portal's URL once it listens (the default origin derives from it). */
    public PasskeyService(Vertx vertx, PasskeyConfig config, Supplier<String> portalUrl, PgPasskeyStore passkeys,
                          PgChallengeStore challenges, Clock clock) {
        this.config = config;
        this.portalUrl = portalUrl;
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.clock = clock;
        this.webauthn = WebAuthn4J.create(vertx, new WebAuthn4JOptions()
                .setRelyingParty(new RelyingParty().setId(config.rpId()).setName(config.rpName()))
                .setResidentKey(ResidentKey.REQUIRED)
                .setUserVerification(UserVerification.REQUIRED)
                .setAttestation(Attestation.NONE)
                .setTimeoutInMilliseconds(CEREMONY_TTL.toMillis()))
            .credentialStorage(passkeys);
    }

    public PgPasskeyStore store() {
        return passkeys;
    }

    /** Creation options for a new passkey of {@code accountId}; its email is the name the authenticator shows. */
    public Future<Ceremony> registrationOptions(String accountId, String email) {
        return passkeys.count(accountId).compose(n -> n >= MAX_PER_ACCOUNT
            ? Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "an account holds at most " + MAX_PER_ACCOUNT
                + " passkeys; remove one first"))
            : webauthn.createCredentialsOptions(new JsonObject().put("name", accountId).put("displayName", email)))
            .compose(options -> {
                options.getJsonObject("user").put("name", email);
                return remember(options, REGISTER, accountId);
            });
    }

    /** Verifies the browser's attestation, stores the passkey under {@code label} and answers its view. */
    public Future<JsonObject> register(String accountId, String binding, JsonObject credential, String label) {
        return challenge(binding, REGISTER)
            .compose(c -> accountId.equals(c.accountId()) ? verify(c, credential, accountId)
                : Future.failedFuture(refused("this registration was started by another account")))
            .compose(user -> passkeys.label(accountId, credential.getString("id"), label));
    }

    /** Request options for a passkey sign-in (no user name: any discoverable passkey of this site). */
    public Future<Ceremony> loginOptions() {
        return webauthn.getCredentialsOptions(null).compose(options -> remember(options, LOGIN, null));
    }

    /** Verifies the browser's assertion; answers the account it signs in. */
    public Future<String> login(String binding, JsonObject credential) {
        return challenge(binding, LOGIN)
            .compose(c -> verify(c, credential, null))
            .map(user -> user.principal().getString("username"));
    }

    private Future<Ceremony> remember(JsonObject options, String purpose, String accountId) {
        String binding = OAuthFlow.randomToken();
        PgChallengeStore.Challenge c = new PgChallengeStore.Challenge(purpose, accountId, options.getString("challenge"),
            clock.instant().plus(CEREMONY_TTL));
        return challenges.save(OAuthFlow.sha256(binding), c, clock.instant()).map(v -> new Ceremony(options, binding));
    }

    private Future<PgChallengeStore.Challenge> challenge(String binding, String purpose) {
        if (binding == null || binding.length() > 64) {
            return Future.failedFuture(refused("no " + purpose + " ceremony was started in this browser"));
        }
        return challenges.take(OAuthFlow.sha256(binding), purpose).compose(found -> found
            .filter(c -> clock.instant().isBefore(c.expiresAt()))
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(refused("the " + purpose + " ceremony is unknown, used or expired; start again"))));
    }

    private Future<User> verify(PgChallengeStore.Challenge c, JsonObject credential, String accountId) {
        WebAuthn4JCredentials credentials = new WebAuthn4JCredentials().setChallenge(c.challenge()).setWebauthn(credential)
            .setUsername(accountId).setOrigin(config.originFor(portalUrl.get())).setDomain(config.rpId());
        return webauthn.authenticate(credentials)
            .recover(e -> Future.failedFuture(e instanceof MeshException ? e : refused("the passkey was not accepted")));
    }

    static MeshException refused(String message) {
        return new MeshException(ErrorCode.UNAUTHORIZED, message);
    }
}
