package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.ctl.CtlException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Pem;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The operator bridge bound beyond loopback (0.0.0.0) speaks TLS with the node's certificate:
 * {@code ctl} trusting the deployment CA gets through with the token or with the node's own
 * certificate ({@code --cert-auth}); a client trusting another CA, a plain-text client, and a
 * certificate without the portal or control role are turned away.
 */
@Tag("slow") // a real node process, the CLI over TLS
class CtlTlsIT {
    private static CtlNode node;
    private static Path other;

    @BeforeAll
    static void startNode() throws Exception {
        node = CtlNode.start("edgecoder-ctl-tls", "--operator-host", "0.0.0.0");
        other = Files.createTempDirectory("edgecoder-other-ca");
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
        EdgecoderCli.deleteTree(other);
    }

    private static String address() {
        return "0.0.0.0:" + node.operatorPort;
    }

    @Test
    void ctlTrustingTheDeploymentCaGetsThroughWithTheToken() {
        CtlNode.Run run = node.ctl("--node", address(), "status", "--json");

        assertThat(run.status()).as(run.err()).isZero();
        JsonObject status = new JsonObject(run.out());
        assertThat(status.getBoolean("tls")).isTrue();
        assertThat(status.getString("operator")).isEqualTo("admin");
    }

    @Test
    void theNodesOwnCertificateAuthenticatesWithoutAToken() {
        CtlNode.Run run = node.ctl("--node", address(), "--cert-auth", "nodes", "list", "--json");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(new JsonObject(run.out()).getJsonArray("nodes").getJsonObject(0).getString("nodeId")).isEqualTo(node.nodeId);
        CtlNode.Run status = node.ctl("--node", address(), "--cert-auth", "status", "--json");
        assertThat(new JsonObject(status.out()).getString("operator")).isEqualTo("node:" + node.nodeId);
    }

    @Test
    void aClientTrustingAnotherCaIsRefused() throws Exception {
        DeploymentCa foreign = DeploymentCa.loadOrCreate(other.resolve("ca"), "someone else");
        Path caFile = other.resolve("foreign-ca.crt");
        Files.writeString(caFile, Pem.certificate(foreign.certificate()));

        CtlNode.Run run = node.ctl("--node", address(), "--ca-cert", caFile.toString(), "status");

        assertThat(run.status()).isEqualTo(CtlException.AUTH);
        assertThat(run.err()).contains("TLS with");
    }

    @Test
    void aCertificateWithoutPortalOrControlRoleIsTurnedAway() throws Exception {
        DeploymentCa ca = DeploymentCa.load(node.dataDir().resolve("ca"));
        NodeCredentials worker = ca.credentials(NodeIdentity.ephemeral(), "local", Ring.CORE, EnumSet.of(Role.WORKER), Duration.ofHours(1));
        Path workerDir = other.resolve("worker");
        Files.createDirectories(workerDir.resolve("identity"));
        worker.save(workerDir.resolve("tls"));
        // The identity files of the worker: written the way a node keeps them.
        Files.writeString(workerDir.resolve("identity/node.pub"), worker.identity().publicKeyBase64() + "\n");
        Files.writeString(workerDir.resolve("identity/node.key"),
            java.util.Base64.getEncoder().encodeToString(worker.identity().privateKey().getEncoded()) + "\n");

        CtlNode.Run run = CtlNode.ctlRaw("--data-dir", workerDir.toString(), "--node", address(), "--cert-auth", "status");

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(CtlException.AUTH);
        assertThat(run.err()).contains("refused the client certificate").contains("portal or control role");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aPlainTextClientGetsNoAnswer() throws Exception {
        try (BridgeProbe probe = new BridgeProbe(node.operatorPort)) {
            probe.send(io.edgecoder.core.bridge.Frame.auth(node.token()));

            assertThat(probe.closedByPeer()).isTrue();
        }
    }
}
