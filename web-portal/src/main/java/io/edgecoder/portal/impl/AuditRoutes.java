package io.edgecoder.portal.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.Accounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/audit?account=&limit=&before=}: the security audit of accounts, newest first.
 * An account reads its own entries; an admin reads anyone's, or all without {@code account}.
 */
public final class AuditRoutes {
    private final Accounts.Parts parts;

    public AuditRoutes(Accounts accounts) {
        this.parts = accounts.parts();
    }

    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String account = QueryParams.single(ctx, "account");
        if (!caller.admin()) {
            if (account != null && !account.equals(caller.account())) {
                throw new MeshException(ErrorCode.FORBIDDEN, "account: only an admin reads another account's audit");
            }
            account = caller.account();
        }
        Integer limit = QueryParams.limit(ctx, 500);
        Long before = QueryParams.number(ctx, "before", 1, Long.MAX_VALUE);
        parts.store().auditOf(account, limit == null ? 100 : limit, before)
            .onSuccess(rows -> {
                JsonArray out = new JsonArray();
                rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("at", r.getOffsetDateTime("at").toInstant().toString())
                    .put("account", r.getString("account_id")).put("actor", r.getString("actor")).put("event", r.getString("event"))
                    .put("address", r.getString("address")).put("detail", r.getJsonObject("detail"))));
                HttpJson.send(ctx, 200, new JsonObject().put("entries", out));
            })
            .onFailure(ctx::fail);
    }
}
