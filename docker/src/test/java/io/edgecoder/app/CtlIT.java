package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.ctl.CtlException;
import io.edgecoder.core.Json;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.trust.EnrollmentToken;
import java.util.Base64;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.bridge.Frame;
import io.edgecoder.core.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * {@code edgecoder ctl} against a running node process (every role, embedded PostgreSQL), through
 * its operator bridge: exit codes, {@code --json}, wrong token, unreachable node, unknown ids, and
 * the bridge's own refusals (addresses outside the allow-list, unauthenticated frames, oversize
 * frames), with one run as a real {@code java -jar ... ctl} process.
 */
@Tag("slow") // drives a real node process with the operator CLI
class CtlIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String WRONG = "```python path=calc.py\ndef add(a, b):\n    return a - b\n```\n";
    private static final String RIGHT = "```python path=calc.py\ndef add(a, b):\n    return a + b\n```\n";
    private static CtlNode node;
    private static io.vertx.core.Vertx models;
    private static ScriptedOpenAiServer coder;

    @BeforeAll
    static void startNode() throws Exception {
        models = io.vertx.core.Vertx.vertx();
        coder = Jobs.await(new ScriptedOpenAiServer("ctl-coder", List.of(ScriptedOpenAiServer.Answer.says(WRONG),
            ScriptedOpenAiServer.Answer.says(RIGHT))).start(models));
        node = CtlNode.start("edgecoder-ctl", "--provider", "ctl-coder=" + coder.url());
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
        if (models != null) {
            Jobs.await(models.close());
        }
    }

    @Test
    void statusAsJsonNamesTheNodeItsRolesAndTheirHealth() {
        CtlNode.Run run = node.ctl("status", "--json");

        assertThat(run.status()).as(run.err()).isZero();
        JsonObject status = new JsonObject(run.out());
        assertThat(status.getString("node")).isEqualTo(node.nodeId);
        assertThat(status.getString("operator")).isEqualTo("admin");
        assertThat(status.getJsonArray("roles")).contains("coordinator", "ledger", "control", "portal", "worker");
        assertThat(status.getJsonObject("health").getJsonObject("ledger").getString("status")).isEqualTo("up");
        assertThat(status.getJsonObject("nodes").getLong("approved")).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void statusAsATableIsReadable() {
        CtlNode.Run run = node.ctl("status");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("node      " + node.nodeId).contains("ledger up").contains("approved ");
    }

    @Test
    void nodesListAsJsonHoldsThisNodeApproved() {
        CtlNode.Run run = node.ctl("nodes", "list", "--json");

        assertThat(run.status()).as(run.err()).isZero();
        JsonArray nodes = new JsonObject(run.out()).getJsonArray("nodes");
        JsonObject self = nodes.stream().map(JsonObject.class::cast).filter(n -> n.getString("nodeId").equals(node.nodeId))
            .findFirst().orElseThrow();
        assertThat(self.getString("status")).isEqualTo("approved");
    }

    @Test
    void aDecisionIsRecordedAsTheAuthenticatedOperatorWhateverTheClientClaims() throws Exception {
        String pending = enrollPendingWorker();
        CtlNode.Run listed = node.ctl("nodes", "list", "--status", "pending", "--json");
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(pending);

        try (BridgeProbe probe = new BridgeProbe(node.operatorPort)) {
            probe.send(Frame.auth(node.token()));
            assertThat(probe.read().type()).isEqualTo(Frame.AUTHED);
            probe.send(Frame.send(ControlAddresses.NODE_REJECT, "r1",
                new JsonObject().put("nodeId", pending).put("actor", "mallory").put("reason", "claims to be someone else")));

            Frame answer = probe.read();
            assertThat(answer.type()).as(String.valueOf(answer.message())).isEqualTo(Frame.REPLY);
            assertThat(answer.body().getString("status")).isEqualTo("rejected");
            assertThat(answer.body().getString("decidedBy")).isEqualTo("admin");
        }
        CtlNode.Run again = node.ctl("nodes", "reject", pending);
        assertThat(again.status()).as("rejecting a rejected node is a conflict").isEqualTo(CtlException.OTHER);
        assertThat(again.err()).contains("409");
    }

    @Test
    void modesBlacklistAndAuditGoThroughTheControlRoleInTheOperatorsName() {
        CtlNode.Run set = node.ctl("mode", "set", "local-only", "--org", "ctl-test-org", "--reason", "ctl test", "--json");
        assertThat(set.status()).as(set.err()).isZero();
        assertThat(new JsonObject(set.out()).getString("mode")).isEqualTo("local-only");
        CtlNode.Run get = node.ctl("mode", "get", "--org", "ctl-test-org", "--json");
        assertThat(new JsonObject(get.out()).getString("effective")).isEqualTo("local-only");
        assertThat(node.ctl("mode", "set", "sideways").status()).isEqualTo(CtlException.USAGE);

        CtlNode.Run barred = node.ctl("blacklist", "add", "account", "mallory", "--reason", "abuse", "--expires", "P7D", "--json");
        assertThat(barred.status()).as(barred.err()).isZero();
        JsonObject entry = new JsonObject(barred.out());
        assertThat(entry.getString("author")).isEqualTo("admin");
        assertThat(node.ctl("blacklist", "list", "--json").out()).contains("mallory");
        String id = String.valueOf(entry.getLong("id"));
        assertThat(node.ctl("blacklist", "remove", id).status()).isZero();
        assertThat(node.ctl("blacklist", "remove", id).status()).as("lifted twice").isEqualTo(CtlException.OTHER);
        assertThat(node.ctl("blacklist", "remove", "987654").status()).isEqualTo(CtlException.NOT_FOUND);

        CtlNode.Run tail = node.ctl("audit", "tail", "--limit", "1000", "--json");
        assertThat(tail.status()).as(tail.err()).isZero();
        JsonObject modeEntry = new JsonObject(tail.out()).getJsonArray("entries").stream().map(JsonObject.class::cast)
            .filter(e -> "mode.set".equals(e.getString("action")) && "org:ctl-test-org".equals(e.getString("subject")))
            .findFirst().orElseThrow();
        assertThat(modeEntry.getString("actor")).isEqualTo("admin");
        CtlNode.Run verify = node.ctl("audit", "verify", "--json");
        assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
        assertThat(new JsonObject(verify.out()).getBoolean("ok")).isTrue();

        CtlNode.Run status = node.ctl("status", "--json");
        assertThat(status.out()).as(status.err()).contains("\"policy\"");
        assertThat(new JsonObject(status.out()).getJsonObject("policy").getLong("version")).isGreaterThanOrEqualTo(3L);
    }

    @Test
    void aRolloutIsStartedPausedAndShownAndAnUnknownOneIsNotFound() {
        CtlNode.Run start = node.ctl("rollout", "start", "ctl-test", "--set", "ctl.test.flag=on", "--steps", "50,100",
            "--step-seconds", "3600", "--json");
        assertThat(start.status()).as(start.err()).isZero();
        assertThat(new JsonObject(start.out()).getString("state")).isEqualTo("running");

        CtlNode.Run paused = node.ctl("rollout", "pause", "ctl-test", "--reason", "looking", "--json");
        assertThat(paused.status()).as(paused.err()).isZero();
        assertThat(new JsonObject(paused.out()).getString("state")).isEqualTo("paused");
        CtlNode.Run shown = node.ctl("rollout", "status", "ctl-test");
        assertThat(shown.out()).contains("ctl-test").contains("paused");
        assertThat(node.ctl("rollout", "rollback", "ctl-test").status()).isZero();
        assertThat(node.ctl("rollout", "status", "no-such-rollout").status()).isEqualTo(CtlException.NOT_FOUND);
        assertThat(node.ctl("rollout", "start", "x", "--steps", "50").status()).as("neither --set nor --agent-version")
            .isEqualTo(CtlException.USAGE);
    }

    @Test
    void anUnknownNodeIdIsNotFound() {
        CtlNode.Run run = node.ctl("nodes", "approve", "n0123456789abcdef");

        assertThat(run.status()).isEqualTo(CtlException.NOT_FOUND);
        assertThat(run.err()).contains("n0123456789abcdef").contains("404");
    }

    @Test
    void anUnknownJobIsNotFoundAndTheLedgerVerifiesAsJson() {
        assertThat(node.ctl("jobs", "get", "no-such-job").status()).isEqualTo(CtlException.NOT_FOUND);

        CtlNode.Run verify = node.ctl("ledger", "verify", "--json");
        assertThat(verify.status()).as(verify.err()).isZero();
        assertThat(new JsonObject(verify.out()).getBoolean("ok")).isTrue();
        CtlNode.Run balances = node.ctl("ledger", "balances", "--json");
        assertThat(balances.status()).as(balances.err()).isZero();
        assertThat(new JsonObject(balances.out()).getJsonObject("balances")).isNotNull();
    }

    @Test
    void aWrongTokenIsRefusedWithExitFourAndCounted() throws Exception {
        double before = authRefusals();

        CtlNode.Run run = node.ctl("--token", "not-the-admin-token", "status");

        assertThat(run.status()).isEqualTo(CtlException.AUTH);
        assertThat(run.err()).contains("refused the operator token");
        assertThat(run.out()).isEmpty();
        Await.until("the refusal counted", Duration.ofSeconds(10), CtlIT::authRefusals, n -> n >= before + 1);
    }

    @Test
    void anUnreachableNodeEndsWithExitThree() throws Exception {
        CtlNode.Run run = CtlNode.ctlRaw("--node", "127.0.0.1:" + CtlNode.freePort(), "--token", "x", "status");

        assertThat(run.status()).isEqualTo(CtlException.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach the operator bridge");
    }

    @Test
    void usageErrorsEndWithExitTwoAndHelpWithZero() {
        assertThat(node.ctl("bogus").status()).isEqualTo(CtlException.USAGE);
        assertThat(node.ctl("nodes").status()).isEqualTo(CtlException.USAGE);
        assertThat(node.ctl("nodes", "approve").status()).isEqualTo(CtlException.USAGE);
        assertThat(node.ctl("--node", "no-port", "status").status()).isEqualTo(CtlException.USAGE);
        for (List<String> command : List.of(List.of("--help"), List.of("nodes", "list", "--help"), List.of("mode", "set", "--help"),
            List.of("rollout", "start", "--help"), List.of("watch", "--help"), List.of("audit", "verify", "--help"))) {
            CtlNode.Run help = node.ctl(command.toArray(String[]::new));
            assertThat(help.status()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).contains("Usage: ctl");
        }
    }

    @Test
    void theBridgeRefusesAddressesOutsideItsAllowList() throws Exception {
        try (BridgeProbe probe = new BridgeProbe(node.operatorPort)) {
            probe.send(Frame.auth(node.token()));
            assertThat(probe.read().type()).isEqualTo(Frame.AUTHED);

            for (String address : List.of(LedgerAddresses.JOB_SETTLE, WorkerAddresses.run(node.nodeId),
                CoordinatorAddresses.JOB_SUBMIT, CoordinatorAddresses.WORKER_HEARTBEAT)) {
                probe.send(Frame.send(address, "r1", new JsonObject()));
                Frame answer = probe.read();
                assertThat(answer.type()).as(address).isEqualTo(Frame.FAIL);
                assertThat(answer.code()).isEqualTo(403);
                assertThat(answer.message()).contains("not open to operators");
            }
            probe.send(Frame.register(WorkerAddresses.run(node.nodeId)));
            assertThat(probe.read().code()).isEqualTo(403);

            probe.send(Frame.send(CoordinatorAddresses.JOB_LIST, "r2", new JsonObject()));
            Frame allowed = probe.read();
            assertThat(allowed.type()).isEqualTo(Frame.REPLY);
            assertThat(allowed.replyId()).isEqualTo("r2");
        }
    }

    @Test
    void aFrameBeforeAuthenticationClosesTheConnection() throws Exception {
        try (BridgeProbe probe = new BridgeProbe(node.operatorPort)) {
            probe.send(Frame.send(CoordinatorAddresses.JOB_LIST, "r1", new JsonObject()));

            Frame answer = probe.read();
            assertThat(answer.type()).isEqualTo(Frame.ERR);
            assertThat(answer.code()).isEqualTo(401);
            assertThat(probe.closedByPeer()).isTrue();
        }
    }

    @Test
    void anOversizeFrameIsRefusedAndTheConnectionClosed() throws Exception {
        try (BridgeProbe probe = new BridgeProbe(node.operatorPort)) {
            probe.send(Frame.auth(node.token()));
            assertThat(probe.read().type()).isEqualTo(Frame.AUTHED);

            probe.sendHeader(1024 * 1024 + 1);

            Frame answer = probe.read();
            assertThat(answer.type()).isEqualTo(Frame.ERR);
            assertThat(answer.code()).isEqualTo(413);
            assertThat(probe.closedByPeer()).isTrue();
        }
    }

    @Test
    void watchPrintsTheEventsOfAJobSubmittedMeanwhile() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> io.edgecoder.app.ctl.Ctl.run(
            new String[] {"--data-dir", node.dataDir().toString(), "watch", "--only", "jobs", "--max-events", "1"},
            new java.io.PrintStream(out, true), System.err, Map.of()));
        Await.until("the watch registered", Duration.ofSeconds(30), out::toString, text -> text.contains("watching "));

        String id = submitJob("watched", Map.of("test_one.py", Jobs.PASSING));

        assertThat(watch.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("job " + id);
    }

    @Test
    void aJobIsCancelledOnceAndAnUnknownOneIsNotFound() throws Exception {
        String id = submitJob("slow", Map.of("test_slow.py", """
            import time
            import unittest

            class SlowTest(unittest.TestCase):
                def test_slow(self):
                    time.sleep(50)
            """));
        Await.until("the job planned", Duration.ofSeconds(60),
            () -> new JsonObject(node.ctl("jobs", "get", id, "--json").out()).getString("planner"), "deterministic"::equals);
        assertThat(node.ctl("jobs", "get", id).out()).as("the text view names the planner").contains("planner deterministic\n");

        CtlNode.Run cancel = node.ctl("jobs", "cancel", id, "--json");

        assertThat(cancel.status()).as(cancel.err()).isZero();
        assertThat(new JsonObject(cancel.out()).getString("status")).isEqualTo("cancelled");
        CtlNode.Run again = node.ctl("jobs", "cancel", id);
        assertThat(again.status()).as(again.err()).isEqualTo(CtlException.OTHER);
        assertThat(again.err()).contains("409");
        assertThat(node.ctl("jobs", "cancel", "no-such-job").status()).isEqualTo(CtlException.NOT_FOUND);
        CtlNode.Run listed = node.ctl("jobs", "list", "--status", "cancelled", "--json");
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(id);
    }

    @Test
    void watchPrintsEachCommittedPolicyVersion() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> io.edgecoder.app.ctl.Ctl.run(
            new String[] {"--data-dir", node.dataDir().toString(), "watch", "--only", "policy", "--max-events", "1"},
            new java.io.PrintStream(out, true), System.err, Map.of()));
        Await.until("the watch registered", Duration.ofSeconds(30), out::toString, text -> text.contains("watching "));

        CtlNode.Run set = node.ctl("mode", "set", "swarm", "--org", "watched-org", "--json");
        assertThat(set.status()).as(set.err()).isZero();

        assertThat(watch.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("policy version " + new JsonObject(set.out()).getLong("version"));
        assertThat(node.ctl("watch", "--only", "weather").status()).isEqualTo(CtlException.USAGE);
    }

    @Test
    void aRealProcessPrintsStatusAsJson() throws Exception {
        EdgecoderCli.Result run = EdgecoderCli.run("ctl", "--data-dir", node.dataDir().toString(), "status", "--json");

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(new JsonObject(run.output().substring(run.output().indexOf('{'))).getString("node")).isEqualTo(node.nodeId);

        EdgecoderCli.Result refused = EdgecoderCli.run("ctl", "--data-dir", node.dataDir().toString(), "--token", "wrong", "status");
        assertThat(refused.status()).as(refused.output()).isEqualTo(CtlException.AUTH);
    }

    /** A worker key enrolled with a fresh token through the portal: pending until someone decides. */
    private static String enrollPendingWorker() throws Exception {
        JsonObject token = new JsonObject(post("/api/v1/enrollment/tokens", new JsonObject().put("roles", new JsonArray().add("worker")),
            true, 201));
        NodeIdentity identity = NodeIdentity.ephemeral();
        String raw = token.getString("token");
        post("/api/v1/enroll", new JsonObject().put("token", raw).put("publicKey", identity.publicKeyBase64())
            .put("roles", new JsonArray().add("worker")).put("nodeId", identity.nodeId())
            .put("proof", Base64.getEncoder().encodeToString(identity.sign(EnrollmentToken.enrollProof(raw)))), false, 202);
        return identity.nodeId();
    }

    private static String post(String path, JsonObject body, boolean admin, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + path))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (admin) {
            request.header("Authorization", "Bearer " + node.token());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }

    @Test
    void anAgentJobShowsItsStepsWithWhatEachModelCallAndEachRoundsTestRunsCost() throws Exception {
        Map<String, Object> job = Map.of("title", "agent", "language", "python", "files", Map.of("test_calc.py", Jobs.PASSING),
            "tests", List.of("test_calc.py"), "locality", "local-only", "timeoutSeconds", 60, "prompt", "Write calc.py with add(a, b).",
            "model", "ctl-coder", "maxIterations", 3);
        Await.until("the model to be advertised", Duration.ofSeconds(60), () -> HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.httpPort + "/api/v1/workers")).header("Authorization", "Bearer " + node.token())
                .build(), HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains("ctl-coder"));
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/api/v1/jobs"))
            .header("Authorization", "Bearer " + node.token()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(job))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = new JsonObject(submitted.body()).getString("id");

        JsonObject done = Await.until("the job settled", Duration.ofSeconds(180),
            () -> new JsonObject(node.ctl("jobs", "get", id, "--json").out()),
            j -> j.getJsonArray("steps").size() == 2 && j.getJsonArray("steps").stream()
                .allMatch(s -> ((JsonObject) s).getLong("testChargedMilli") != null));
        CtlNode.Run text = node.ctl("jobs", "get", id);

        assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("succeeded");
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out()).contains("agent steps:").contains("MODEL MILLI").contains("TEST CPU MS").contains("TEST MILLI");
        for (Object o : done.getJsonArray("steps")) {
            JsonObject step = (JsonObject) o;
            assertThat(text.out()).as("round %d's row", step.getInteger("iteration")).containsPattern(
                "(?m)^" + step.getInteger("iteration") + " +" + step.getString("status") + " +ctl-coder .* "
                    + step.getLong("chargedMilli") + " +" + step.getLong("testMs") + " +" + step.getLong("testCpuMs") + " +"
                    + step.getLong("testChargedMilli") + " *$");
        }
    }

    private static String submitJob(String title, Map<String, String> tests) throws Exception {
        Map<String, String> files = new java.util.HashMap<>(tests);
        files.put("calc.py", Jobs.CALC);
        Map<String, Object> job = Map.of("title", title, "language", "python", "files", files,
            "tests", List.copyOf(tests.keySet()), "locality", "local-only", "timeoutSeconds", 60);
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/api/v1/jobs"))
            .header("Authorization", "Bearer " + node.token()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(job))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return new JsonObject(submitted.body()).getString("id");
    }

    /** The node's count of operator connections refused for authentication, from its Prometheus metrics. */
    private static double authRefusals() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/metrics"))
            .header("Authorization", "Bearer " + node.token()).build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("edgecoder_operator_refusals_total") && l.contains("reason=\"auth\""))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
