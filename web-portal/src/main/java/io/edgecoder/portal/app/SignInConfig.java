package io.edgecoder.portal.app;

import io.edgecoder.core.config.Settings;
import io.edgecoder.portal.oidc.OidcConfig;
import io.edgecoder.portal.passkeys.PasskeyConfig;
import java.util.Map;
import java.util.Objects;

/**
 * Sign-in beyond passwords: the OpenID Connect providers ({@code oauth.*}) and the WebAuthn
 * relying party of passkeys ({@code webauthn.*}).
 */
public record SignInConfig(OidcConfig oidc, PasskeyConfig passkeys) {
    public SignInConfig {
        Objects.requireNonNull(oidc, "oidc");
        Objects.requireNonNull(passkeys, "passkeys");
    }

    /** No providers; passkeys for the public URL's host, else {@code localhost}. */
    public static SignInConfig defaults(String publicUrl) {
        return from(Settings.of(Map.of()), publicUrl);
    }

    public static SignInConfig from(Settings settings, String publicUrl) {
        return new SignInConfig(OidcConfig.from(settings), PasskeyConfig.from(settings, publicUrl));
    }
}
