-- Accounts, sessions, personal API tokens, single-use mail tokens, rate counters, sign-in
-- failures and the security audit (web-portal, component "accounts").

CREATE TABLE accounts (
    id              text PRIMARY KEY,                 -- acc_ + 20 random base32 characters, never reused
    email           text NOT NULL UNIQUE,             -- normalised (see Emails)
    email_verified  boolean NOT NULL DEFAULT false,
    password_hash   text,                             -- PHC string ($argon2id$v=19$m=..,t=..,p=..$salt$hash); null = no password
    roles           text[] NOT NULL DEFAULT ARRAY['user'],
    org             text,                             -- organisation of a coordinator-owner
    disabled        boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Only a hash of the session id is stored; the id itself is in the browser's cookie only.
CREATE TABLE sessions (
    id_hash       bytea PRIMARY KEY,
    account_id    text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    method        text NOT NULL,                      -- how the session was started: password, oidc:<provider>, passkey
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,               -- absolute end; idle end is last_seen_at + idle timeout
    address       text,
    user_agent    text
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE api_tokens (
    id            text PRIMARY KEY,                   -- tok_ + random; shown in lists, not a credential
    account_id    text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name          text NOT NULL,
    token_hash    bytea NOT NULL UNIQUE,
    scopes        text[] NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

-- Links sent by mail: sign-up verification (holds the pending password hash, so whoever opens the
-- link in the mailbox gets the password they chose) and password reset / invitation.
CREATE TABLE mail_tokens (
    token_hash     bytea PRIMARY KEY,
    purpose        text NOT NULL CHECK (purpose IN ('signup', 'reset')),
    email          text NOT NULL,
    account_id     text REFERENCES accounts (id) ON DELETE CASCADE,
    password_hash  text,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz
);
CREATE INDEX mail_tokens_expiry ON mail_tokens (expires_at);

-- Fixed-window counters shared by every portal node (sign-in, sign-up, reset, token creation).
CREATE TABLE rate_counters (
    key           text PRIMARY KEY,
    window_start  timestamptz NOT NULL,
    count         int NOT NULL
);

-- Failed sign-ins per normalised email (known or not), and the lockout they lead to.
CREATE TABLE signin_failures (
    email         text PRIMARY KEY,
    failures      int NOT NULL,
    first_at      timestamptz NOT NULL,
    locked_until  timestamptz
);

CREATE TABLE account_audit (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    account_id  text,                                 -- the account concerned (null: unknown email)
    actor       text NOT NULL,                        -- who acted: the account, an admin's account, 'admin' (token), 'anonymous'
    event       text NOT NULL,                        -- signin.ok, signin.failed, signup.requested, ...
    address     text,
    detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX account_audit_account ON account_audit (account_id, id);
