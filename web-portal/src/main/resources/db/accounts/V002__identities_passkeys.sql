-- Sign-in beyond passwords (web-portal, component "accounts", version 2): identities at OpenID
-- Connect providers linked to accounts, sign-ins in progress, passkeys and WebAuthn challenges.

-- A provider identity (provider, subject) belongs to at most one account and is never moved.
CREATE TABLE oauth_identities (
    provider      text NOT NULL,                      -- the configured provider name (oauth.providers)
    subject       text NOT NULL,                      -- the ID token's sub: stable per person at that provider
    account_id    text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email         text,                               -- the verified email at the time of linking (shown, not trusted)
    linked_at     timestamptz NOT NULL,
    last_used_at  timestamptz,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX oauth_identities_account ON oauth_identities (account_id);

-- Started sign-ins, taken (deleted) by their callback: a state is used at most once.
CREATE TABLE oauth_flows (
    state          text PRIMARY KEY,                  -- the state parameter, 256 random bits
    provider       text NOT NULL,
    binding_hash   bytea NOT NULL,                    -- SHA-256 of the browser's flow cookie
    code_verifier  text NOT NULL,                     -- PKCE verifier; its S256 challenge went to the provider
    nonce          text NOT NULL,                     -- the ID token must carry it
    link_account   text REFERENCES accounts (id) ON DELETE CASCADE, -- signed in at start: link to this account
    expires_at     timestamptz NOT NULL
);
CREATE INDEX oauth_flows_expiry ON oauth_flows (expires_at);

-- Passkeys (WebAuthn credentials); an account may hold several.
CREATE TABLE passkeys (
    id             bigserial PRIMARY KEY,             -- the id in /api/v1/passkeys/{id}
    account_id     text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    credential_id  text NOT NULL UNIQUE,              -- base64url, chosen by the authenticator
    public_key     text NOT NULL,                     -- COSE key, base64url
    sign_count     bigint NOT NULL,
    aaguid         text NOT NULL,
    fmt            text,                              -- attestation format (none)
    flags          int NOT NULL,
    label          text NOT NULL DEFAULT 'passkey',   -- the name the person gave it
    created_at     timestamptz NOT NULL,
    last_used_at   timestamptz
);
CREATE INDEX passkeys_account ON passkeys (account_id);

-- WebAuthn challenges of ceremonies in progress, keyed by the SHA-256 of the browser's cookie; used once.
CREATE TABLE webauthn_challenges (
    key_hash    bytea PRIMARY KEY,
    purpose     text NOT NULL CHECK (purpose IN ('register', 'login')),
    account_id  text REFERENCES accounts (id) ON DELETE CASCADE, -- registration: the account it is for
    challenge   text NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges (expires_at);
