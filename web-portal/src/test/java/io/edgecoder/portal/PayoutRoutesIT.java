package io.edgecoder.portal;

import static io.edgecoder.portal.AccountsHarness.PASSWORD;
import static io.edgecoder.portal.AccountsHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wallet onboarding on a real portal with accounts (embedded PostgreSQL, in-process SMTP): a
 * payout destination is checked (BIP-173/350 addresses of the configured network, Lightning
 * addresses), set only with the current password or a fresh sign-in, audited and mailed; bad input is a 400 that says
 * why, and nothing is stored by a refused request.
 */
class PayoutRoutesIT {
    private static final String SEGWIT_V0 = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
    private static final String TAPROOT = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0";

    private static final String OLD_SIGN_IN = "currentPassword: to change the payout destination, give your current password"
        + " or sign in again (a sign-in less than 10 minutes old confirms it)";

    @AutoClose
    private final AccountsHarness portal = AccountsHarness.start();

    private AccountsHarness.Browser signedIn(String email) throws Exception {
        portal.register(email);
        return portal.signIn(email, PASSWORD);
    }

    private static JsonObject put(String address, String password) {
        return new JsonObject().put("address", address).put("currentPassword", password);
    }

    /** Makes every session of the account look signed in an hour ago (re-authentication reads the database). */
    private void signedInAnHourAgo(AccountsHarness.Browser who) {
        PortalHarness.await(portal.verticle.accounts().pool()
            .preparedQuery("UPDATE sessions SET created_at = created_at - interval '1 hour' WHERE account_id = $1")
            .execute(Tuple.of(who.account().getString("id"))));
    }

    @Test
    void aFreshSignInConfirmsAChangeWithoutThePassword() throws Exception {
        AccountsHarness.Browser ann = signedIn("ann@example.org");

        HttpResponse<Buffer> set = send(ann.request(HttpMethod.PUT, "/api/v1/me/payout"), new JsonObject().put("address", TAPROOT));
        signedInAnHourAgo(ann);
        HttpResponse<Buffer> later = send(ann.request(HttpMethod.PUT, "/api/v1/me/payout"), new JsonObject().put("address", SEGWIT_V0));

        assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
        JobSubmitIT.assertError(later, 401, "unauthorized", OLD_SIGN_IN);
        assertThat(send(ann.request(HttpMethod.GET, "/api/v1/me/payout"), null).bodyAsJsonObject().getJsonObject("payout")
            .getString("address")).isEqualTo(TAPROOT);
    }

    @Test
    void settingADestinationNeedsTheCurrentPasswordAndIsAuditedAndMailed() throws Exception {
        AccountsHarness.Browser ann = signedIn("ann@example.org");
        String id = ann.account().getString("id");
        signedInAnHourAgo(ann);

        HttpResponse<Buffer> none = send(ann.request(HttpMethod.GET, "/api/v1/me/payout"), null);
        HttpResponse<Buffer> noPassword = send(ann.request(HttpMethod.PUT, "/api/v1/me/payout"), new JsonObject().put("address", TAPROOT));
        HttpResponse<Buffer> wrongPassword = send(ann.request(HttpMethod.PUT, "/api/v1/me/payout"), put(TAPROOT, "not my password"));
        HttpResponse<Buffer> set = send(ann.request(HttpMethod.PUT, "/api/v1/me/payout"), put(TAPROOT.toUpperCase(), PASSWORD));
        HttpResponse<Buffer> read = send(ann.request(HttpMethod.GET, "/api/v1/me/payout"), null);

        assertThat(none.bodyAsJsonObject()).isEqualTo(new JsonObject().putNull("payout").put("network", "bc"));
        JobSubmitIT.assertError(noPassword, 401, "unauthorized", OLD_SIGN_IN);
        JobSubmitIT.assertError(wrongPassword, 401, "unauthorized", "currentPassword: wrong password");
        assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
        JsonObject payout = read.bodyAsJsonObject().getJsonObject("payout");
        assertThat(payout.getString("kind")).isEqualTo("bitcoin");
        assertThat(payout.getString("address")).as("stored in its canonical lower case").isEqualTo(TAPROOT);
        assertThat(payout.getString("network")).isEqualTo("bc");
        assertThat(portal.awaitMail("ann@example.org", "payout destination was changed")).contains(TAPROOT);
        assertThat(audit(id)).contains("signin.failed", "payout.set");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong checksum|bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5|"
            + "address: not a valid bitcoin address: checksum does not match (a character is wrong or missing)",
        "another network|tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7|address: not a valid bitcoin address:"
            + " a testnet address (prefix 'tb'), but this deployment pays on mainnet (prefix 'bc')",
        "mixed case|bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4|address: not a valid bitcoin address: mixes upper and lower case",
        "bech32 on witness v1|bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd|"
            + "address: not a valid bitcoin address: witness version 1 needs a bech32m checksum (BIP-350), this one is bech32",
        "bech32m on witness v0|bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh|"
            + "address: not a valid bitcoin address: witness version 0 needs a bech32 checksum (BIP-173), this one is bech32m",
        "legacy address|1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa|"
            + "address: not a valid bitcoin address: a legacy (base58) address; only native segwit addresses (prefix 'bc1') are accepted",
        "lightning without domain|ann@localhost|"
            + "address: not a valid lightning address: the domain must be a host name such as wallet.example (at least two labels)"})
    void aBadAddressIs400SayingWhyAndNothingIsStored(String what, String address, String message) throws Exception {
        AccountsHarness.Browser ann = signedIn("ann@example.org");

        HttpResponse<Buffer> r = send(ann.request(HttpMethod.PUT, "/api/v1/me/payout"), put(address, PASSWORD));

        JobSubmitIT.assertError(r, 400, "bad_request", message);
        assertThat(send(ann.request(HttpMethod.GET, "/api/v1/me/payout"), null).bodyAsJsonObject().getValue("payout")).isNull();
    }

    @Test
    void aLightningAddressReplacesTheBitcoinOneAndRemovalAlsoNeedsThePassword() throws Exception {
        AccountsHarness.Browser ann = signedIn("ann@example.org");
        send(ann.request(HttpMethod.PUT, "/api/v1/me/payout"), put(SEGWIT_V0, PASSWORD));

        HttpResponse<Buffer> lightning = send(ann.request(HttpMethod.PUT, "/api/v1/me/payout"),
            put("Ann@Wallet.Example", PASSWORD).put("kind", "lightning"));
        signedInAnHourAgo(ann);
        HttpResponse<Buffer> removeWithout = send(ann.request(HttpMethod.DELETE, "/api/v1/me/payout"), new JsonObject());
        HttpResponse<Buffer> removed = send(ann.request(HttpMethod.DELETE, "/api/v1/me/payout"),
            new JsonObject().put("currentPassword", PASSWORD));
        HttpResponse<Buffer> again = send(ann.request(HttpMethod.DELETE, "/api/v1/me/payout"),
            new JsonObject().put("currentPassword", PASSWORD));

        assertThat(lightning.bodyAsJsonObject().getJsonObject("payout").getString("address")).isEqualTo("ann@wallet.example");
        assertThat(lightning.bodyAsJsonObject().getJsonObject("payout").getValue("network")).isNull();
        JobSubmitIT.assertError(removeWithout, 401, "unauthorized", OLD_SIGN_IN);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.bodyAsJsonObject().getJsonObject("removed").getString("kind")).isEqualTo("lightning");
        JobSubmitIT.assertError(again, 404, "not_found", "no payout destination is set");
        assertThat(portal.awaitMail("ann@example.org", "payout destination was removed")).contains("ann@wallet.example");
        assertThat(audit(ann.account().getString("id"))).containsSubsequence("payout.set", "payout.set", "payout.removed");
    }

    @Test
    void eachPersonSeesOnlyTheirOwnDestinationAndTheAdminTokenHasNone() throws Exception {
        AccountsHarness.Browser ann = signedIn("ann@example.org");
        AccountsHarness.Browser bob = signedIn("bob@example.org");
        send(ann.request(HttpMethod.PUT, "/api/v1/me/payout"), put(SEGWIT_V0, PASSWORD));

        HttpResponse<Buffer> bobs = send(bob.request(HttpMethod.GET, "/api/v1/me/payout"), null);
        HttpResponse<Buffer> admin = send(portal.admin(HttpMethod.GET, "/api/v1/me/payout"), null);

        assertThat(bobs.bodyAsJsonObject().getValue("payout")).isNull();
        JobSubmitIT.assertError(admin, 403, "forbidden", "payout destinations belong to accounts; the admin token has none");
    }

    @Test
    void aChangeFromTheBrowserWithoutTheCsrfTokenIsRefused() throws Exception {
        AccountsHarness.Browser ann = signedIn("ann@example.org");

        HttpResponse<Buffer> r = send(ann.client().request(HttpMethod.PUT, "/api/v1/me/payout"), put(SEGWIT_V0, PASSWORD));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(send(ann.request(HttpMethod.GET, "/api/v1/me/payout"), null).bodyAsJsonObject().getValue("payout")).isNull();
    }

    /** The account's audit events, oldest first. */
    private List<String> audit(String accountId) {
        List<String> events = new ArrayList<>();
        for (Row r : PortalHarness.await(portal.verticle.accounts().pool()
            .preparedQuery("SELECT event FROM account_audit WHERE account_id = $1 ORDER BY id").execute(Tuple.of(accountId)))) {
            events.add(r.getString(0));
        }
        return events;
    }
}
