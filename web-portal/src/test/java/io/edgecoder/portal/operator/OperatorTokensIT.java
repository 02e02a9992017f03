package io.edgecoder.portal.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.bridge.Frame;
import io.edgecoder.portal.AccountsHarness;
import io.edgecoder.portal.PortalHarness;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator bridge of a portal with accounts (embedded PostgreSQL, real account and token
 * services) admits the node's admin token and a personal token with the {@code admin} scope of a
 * system-admin account, naming that account as the operator; a personal token without the admin
 * scope, or of an account that is no system-admin, is refused like a wrong token.
 */
class OperatorTokensIT {
    private AccountsHarness portal;
    private OperatorBridge bridge;

    @BeforeEach
    void start() {
        portal = AccountsHarness.start();
        bridge = new OperatorBridge(new OperatorBridgeConfig("127.0.0.1", 0, 60, 64 * 1024, Duration.ofSeconds(30),
            OperatorTokens.adminOrPersonal(AccountsHarness.TOKEN, portal.verticle.accounts().parts().tokens()), null));
        PortalHarness.await(portal.vertx.deployVerticle(bridge));
    }

    @AfterEach
    void stop() {
        PortalHarness.await(portal.vertx.undeploy(bridge.deploymentID()));
        portal.close();
    }

    private String personalToken(String email, String role, String scope) {
        JsonObject body = new JsonObject().put("email", email).put("password", AccountsHarness.PASSWORD)
            .put("roles", new JsonArray().add(role));
        int created = AccountsHarness.send(portal.admin(HttpMethod.POST, "/api/v1/admin/accounts"), body).statusCode();
        assertThat(created).isEqualTo(201);
        AccountsHarness.Browser browser = portal.signIn(email, AccountsHarness.PASSWORD);
        JsonObject token = AccountsHarness.send(browser.request(HttpMethod.POST, "/api/v1/tokens"),
            new JsonObject().put("name", "ctl").put("scopes", new JsonArray().add(scope))).bodyAsJsonObject();
        assertThat(token.getString("token")).as(token.encode()).startsWith("ecp_");
        return token.getString("token");
    }

    @Test
    void aPersonalAdminTokenOfASystemAdminNamesItsAccount() throws Exception {
        String token = personalToken("ops@example.org", "system-admin", "admin");
        String account = portal.signIn("ops@example.org", AccountsHarness.PASSWORD).account().getString("id");

        Frame answer = authenticate(token);

        assertThat(answer.type()).isEqualTo(Frame.AUTHED);
        assertThat(answer.body().getString("operator")).isEqualTo(account).startsWith("acc_");
        assertThat(authenticate(AccountsHarness.TOKEN).body().getString("operator")).isEqualTo("admin");
    }

    @Test
    void aTokenWithoutTheAdminScopeOrOfAnOrdinaryAccountIsRefused() throws Exception {
        String readOnly = personalToken("reader@example.org", "system-admin", "read");
        String user = personalToken("user@example.org", "user", "admin");

        for (String token : new String[] {readOnly, user, "ecp_not-a-token"}) {
            Frame answer = authenticate(token);
            assertThat(answer.type()).isEqualTo(Frame.ERR);
            assertThat(answer.code()).isEqualTo(401);
        }
        assertThat(bridge.authFailures()).isEqualTo(3);
    }

    private Frame authenticate(String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", bridge.actualPort())) {
            socket.setSoTimeout(30_000);
            byte[] json = Frame.auth(token).toJson().encode().getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(ByteBuffer.allocate(4 + json.length).putInt(json.length).put(json).array());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            return Frame.fromJson(new JsonObject(new String(answer, StandardCharsets.UTF_8)));
        }
    }
}
