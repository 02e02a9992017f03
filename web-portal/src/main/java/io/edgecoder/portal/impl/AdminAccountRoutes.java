package io.edgecoder.portal.impl;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.PortalLimits;
import io.edgecoder.portal.accounts.Account;
import io.edgecoder.portal.accounts.AccountRole;
import io.edgecoder.portal.accounts.Accounts;
import io.edgecoder.portal.accounts.Emails;
import io.edgecoder.portal.accounts.PasswordPolicy;
import io.edgecoder.portal.accounts.SessionService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Accounts made by an admin: verified at once, with roles; without a password the new account is
 * mailed an invitation link to choose one. This is how the first real system-admin is made with
 * the node's admin token (docs/api.md, "Bootstrap").
 */
public final class AdminAccountRoutes {
    static final int MAX_ORG = 100;

    private final Accounts accounts;
    private final Accounts.Parts parts;

    public AdminAccountRoutes(Accounts accounts) {
        this.accounts = accounts;
        this.parts = accounts.parts();
    }

    private record NewAccount(String email, Set<AccountRole> roles, String org, String password) {
        @Override
        public String toString() {
            return "NewAccount[roles=" + roles + "]";
        }
    }

    /** {@code POST /api/v1/admin/accounts} {@code {email, roles?, org?, password?}} → 201 with the account. */
    public void create(RoutingContext ctx) {
        String actor = AdminOnly.actor(ctx, "create accounts");
        String address = SessionService.address(ctx);
        Future.succeededFuture(ctx).map(AdminAccountRoutes::newAccount)
            .compose(n -> (n.password() == null ? Future.<String>succeededFuture(null) : parts.passwords().hash(n.password()))
                .compose(hash -> parts.accounts().createVerified(n.email(), hash, n.roles(), n.org(), actor, address)))
            .compose(account -> account.hasPassword() ? Future.succeededFuture(account)
                : parts.resets().invite(account).map(account))
            .onSuccess(account -> HttpJson.send(ctx, 201, AccountJson.account(account)
                .put("invitationSent", !account.hasPassword())))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/admin/accounts?limit=&after=}: accounts by id. */
    public void list(RoutingContext ctx) {
        AdminOnly.actor(ctx, "list accounts");
        Integer asked = QueryParams.limit(ctx, 200);
        int limit = asked == null ? 50 : asked;
        String after = QueryParams.single(ctx, "after");
        if (after != null && (after.isEmpty() || after.length() > PortalLimits.MAX_ID_LENGTH)) {
            throw MeshException.badRequest("after: must be an account id");
        }
        parts.store().list(limit, after)
            .onSuccess(list -> {
                JsonArray out = new JsonArray();
                list.forEach(a -> out.add(AccountJson.account(a)));
                HttpJson.send(ctx, 200, new JsonObject().put("accounts", out)
                    .put("next", list.size() == limit ? list.get(list.size() - 1).id() : null));
            })
            .onFailure(ctx::fail);
    }

    /**
     * {@code PATCH /api/v1/admin/accounts/{id}} {@code {roles?, org?, disabled?}} → 200 with the account.
     * Every cached credential of the account is dropped on every node; disabling also ends its sessions.
     */
    public void update(RoutingContext ctx) {
        String actor = AdminOnly.actor(ctx, "change accounts");
        String id = PathParams.id(ctx, "id");
        JsonNode body = BodyFields.object(ctx);
        Set<String> roles = body.hasNonNull("roles") ? AccountRole.ids(roles(body)) : null;
        String org = org(body);
        Boolean disabled = BodyFields.bool(body, "disabled");
        parts.store().update(id, roles, org, disabled)
            .compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
                : Future.failedFuture(MeshException.notFound("no such account: " + BodyFields.clip(id))))
            .compose(account -> afterChange(ctx, actor, account, Boolean.TRUE.equals(disabled)))
            .onSuccess(account -> HttpJson.send(ctx, 200, AccountJson.account(account)))
            .onFailure(ctx::fail);
    }

    private Future<Account> afterChange(RoutingContext ctx, String actor, Account account, boolean disabled) {
        parts.cache().revokeAccount(account.id());
        Future<Integer> ended = disabled ? parts.sessions().endAll(account.id()) : Future.succeededFuture(0);
        return ended.compose(n -> accounts.audit(account.id(), actor, "account.changed", ctx, new JsonObject()
            .put("roles", String.join(",", account.roles())).put("org", account.org()).put("disabled", account.disabled())))
            .map(account);
    }

    private static NewAccount newAccount(RoutingContext ctx) {
        JsonNode body = BodyFields.object(ctx);
        String email = Emails.normalise(BodyFields.text(body, "email", true), "email");
        Set<AccountRole> roles = roles(body);
        String org = org(body);
        if (roles.contains(AccountRole.COORDINATOR_OWNER) && org == null) {
            throw MeshException.badRequest("org: required for a coordinator-owner");
        }
        String password = BodyFields.text(body, "password", false);
        return new NewAccount(email, roles, org, password == null ? null : PasswordPolicy.check(password, email));
    }

    static Set<AccountRole> roles(JsonNode body) {
        JsonNode node = BodyFields.typed(body, "roles", false, JsonNode::isArray, "a list of roles");
        Set<AccountRole> roles = EnumSet.noneOf(AccountRole.class);
        if (node != null) {
            for (JsonNode r : node) {
                if (!r.isTextual()) {
                    throw MeshException.badRequest("roles: each must be user, coordinator-owner or system-admin");
                }
                roles.add(AccountRole.parse(r.textValue(), "roles"));
            }
        }
        roles.add(AccountRole.USER);
        return roles;
    }

    static String org(JsonNode body) {
        String org = BodyFields.text(body, "org", false);
        if (org != null && (org.isBlank() || org.length() > MAX_ORG || !org.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))) {
            throw MeshException.badRequest("org: 1.." + MAX_ORG + " letters, digits, '.', '_' or '-'");
        }
        return org;
    }
}
