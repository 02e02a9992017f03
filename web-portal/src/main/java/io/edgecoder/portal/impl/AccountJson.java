package io.edgecoder.portal.impl;

import io.edgecoder.portal.accounts.Account;
import io.edgecoder.portal.accounts.ApiToken;
import io.edgecoder.portal.accounts.SessionInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** JSON shapes of accounts, tokens and sessions (never a hash or a secret). */
final class AccountJson {
    private AccountJson() {
    }

    static JsonObject account(Account a) {
        return new JsonObject().put("id", a.id()).put("email", a.email()).put("emailVerified", a.emailVerified())
            .put("roles", new JsonArray(a.roles().stream().sorted().toList())).put("org", a.org()).put("disabled", a.disabled())
            .put("hasPassword", a.hasPassword()).put("createdAt", a.createdAt().toString());
    }

    static JsonObject token(ApiToken t) {
        return new JsonObject().put("id", t.id()).put("name", t.name()).put("scopes", new JsonArray(t.scopes().stream().sorted().toList()))
            .put("createdAt", text(t.createdAt())).put("expiresAt", text(t.expiresAt())).put("lastUsedAt", text(t.lastUsedAt()))
            .put("revokedAt", text(t.revokedAt()));
    }

    static JsonObject session(SessionInfo s, String current) {
        return new JsonObject().put("id", s.id()).put("current", s.id().equals(current)).put("method", s.method())
            .put("createdAt", text(s.createdAt())).put("lastSeenAt", text(s.lastSeenAt())).put("expiresAt", text(s.expiresAt()))
            .put("address", s.address()).put("userAgent", s.userAgent());
    }

    static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
