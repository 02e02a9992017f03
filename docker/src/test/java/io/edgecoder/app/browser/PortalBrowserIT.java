package io.edgecoder.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgecoder.app.Node;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TempFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * The portal's pages in headless Chromium against a real node in this JVM (every role, embedded
 * PostgreSQL, a real sandboxed worker), as the issue tells it: a person signs up on the landing page
 * and opens the link of the mail (the node's mail outbox), adds a passkey (the browser's virtual
 * authenticator), signs out and signs in with the passkey, submits a job from the form and watches
 * its subtask turn passed over the event bus without the page reloading, sees the balance change,
 * creates an enrollment token, starts a second node (its own JVM, from the built jar) with the
 * page's command, approves it on the nodes page and sees it on the live dashboard. With
 * {@code EDGECODER_SCREENSHOTS=<dir>} set it saves the pages there (docs/screenshots). It starts a
 * second JVM, so it is one of the slow suites ({@code mvn -B verify -Pall}).
 */
@Tag("slow")
class PortalBrowserIT {
    private static final String EMAIL = "ann@browser.test";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern VERIFY = Pattern.compile("token=(ecv_[A-Za-z0-9_-]+)");
    private static final Path JAR = Path.of("target/edgecoder.jar");
    private static Node node;
    private static Path dataDir;
    private static String base;
    private static String api;
    private static Path shots;
    private static String token;
    private static int clusterPort;
    private static Process second;
    private static Path secondDir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Browser.missing().isEmpty(), () -> Browser.missing().orElse(""));
        dataDir = TempFiles.directoryRemovedAtExit("edgecoder-browser");
        clusterPort = freePort();
        node = new Node(Settings.of(ConfigKeys.defaults()).with(Map.of(
            ConfigKeys.DATA_DIR, dataDir.toString(),
            ConfigKeys.HTTP_PORT, "0",
            ConfigKeys.BRIDGE_PORT, "0",
            ConfigKeys.OPERATOR_PORT, "0",
            // The default cluster name: the enrollment command names only the address to join.
            ConfigKeys.CLUSTER_PORT, String.valueOf(clusterPort),
            ConfigKeys.WORKER_SLOTS, "2",
            "ledger.credit.line.user.milli", "100000"))).start();
        // Browsers use passkeys on a name, not an address: the pages are opened as localhost.
        base = "http://localhost:" + node.httpPort();
        api = "http://127.0.0.1:" + node.httpPort();
        token = Files.readString(dataDir.resolve("admin.token")).strip();
        String dir = System.getenv("EDGECODER_SCREENSHOTS");
        shots = dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.destroy();
            if (!second.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
        if (secondDir != null) {
            TempFiles.deleteTree(secondDir);
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void signUpUseAPasskeySubmitWatchItPassLiveSeeCreditsEnrollApproveAndSeeTheDashboard() throws Exception {
        try (Browser b = Browser.start()) {
            signUpAndVerify(b);
            makeSystemAdmin();
            signInWithPassword(b);
            addPasskeySignOutAndSignInWithIt(b);
            String before = balance(b);
            submitAndWatchLive(b);
            String after = balanceChanged(b, before);
            assertThat(Double.parseDouble(after)).isLessThan(Double.parseDouble(before));
            String secondNode = enrollAndApproveASecondNode(b);
            dashboardShowsBothWorkers(b, secondNode);
            b.open(base + "/account.html");
            b.awaitText("sessions", t -> t.contains("this session"));
            b.awaitText("passkeys", t -> t.contains("laptop"));
            b.screenshot(shots, "account");
        }
    }

    private static void signUpAndVerify(Browser b) throws Exception {
        b.open(base + "/");
        b.screenshot(shots, "landing");
        b.driver.findElement(By.id("su-email")).sendKeys(EMAIL);
        b.driver.findElement(By.id("su-password")).sendKeys(PASSWORD);
        b.driver.findElement(By.cssSelector("#signup button[type=submit]")).click();
        b.awaitText("msg", t -> t.toLowerCase().contains("mail"));
        String link = Await.until("the verification mail in the outbox", Browser.WAIT, PortalBrowserIT::outbox,
            m -> VERIFY.matcher(m).find());
        Matcher m = VERIFY.matcher(link);
        assertThat(m.find()).isTrue();
        b.open(base + "/verify-email#token=" + m.group(1));
        b.awaitText("msg", t -> t.toLowerCase().contains("verified") || t.toLowerCase().contains("sign in"));
    }

    private static String outbox() throws IOException {
        Path file = dataDir.resolve("mail-outbox");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** The deployment's admin (its token) makes the new person a system-admin, as the bootstrap steps say. */
    private static void makeSystemAdmin() throws Exception {
        JsonObject accounts = new JsonObject(admin("GET", "/api/v1/admin/accounts", null).body());
        String id = accounts.getJsonArray("accounts").stream().map(JsonObject.class::cast)
            .filter(a -> EMAIL.equals(a.getString("email"))).findFirst().orElseThrow().getString("id");
        HttpResponse<String> r = admin("PATCH", "/api/v1/admin/accounts/" + id, "{\"roles\":[\"system-admin\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static void signInWithPassword(Browser b) throws Exception {
        b.open(base + "/");
        b.driver.findElement(By.id("si-email")).sendKeys(EMAIL);
        b.driver.findElement(By.id("si-password")).sendKeys(PASSWORD);
        b.driver.findElement(By.id("signin-button")).click();
        Await.until("the jobs page after sign-in", Browser.WAIT, b.driver::getCurrentUrl, u -> u.endsWith("/jobs.html"));
    }

    private static void addPasskeySignOutAndSignInWithIt(Browser b) throws Exception {
        b.driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
            .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2).setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
            .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
        b.open(base + "/account.html");
        b.driver.findElement(By.id("pk-name")).clear();
        b.driver.findElement(By.id("pk-name")).sendKeys("laptop");
        b.driver.findElement(By.id("passkey-add")).click();
        b.awaitText("pk-msg", t -> t.contains("Passkey added"));
        b.awaitText("passkeys", t -> t.contains("laptop"));

        b.driver.findElement(By.cssSelector("header button.secondary")).click();
        Await.until("the landing page after sign-out", Browser.WAIT, b.driver::getCurrentUrl, u -> u.equals(base + "/"));
        b.open(base + "/");
        b.driver.findElement(By.id("passkey-button")).click();
        Await.until("the jobs page after the passkey sign-in", Browser.WAIT, b.driver::getCurrentUrl, u -> u.endsWith("/jobs.html"));
    }

    private static void submitAndWatchLive(Browser b) throws Exception {
        b.open(base + "/jobs.html");
        b.driver.findElement(By.id("title")).clear();
        b.driver.findElement(By.id("title")).sendKeys("from the browser");
        b.screenshot(shots, "jobs");
        b.driver.findElement(By.id("submit-button")).click();
        Await.until("the job page", Browser.WAIT, b.driver::getCurrentUrl, u -> u.contains("/job.html?id="));
        b.driver.executeScript("window.notReloaded = true;");
        b.awaitText("live", t -> t.equals("live"));
        String jobId = b.driver.getCurrentUrl().replaceAll(".*id=", "");
        try {
            Await.until("the subtask passed", Browser.WAIT, () -> b.texts("[data-subtask] .st .status"), s -> s.equals(List.of("passed")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the job as the API has it: " + admin("GET", "/api/v1/jobs/" + jobId, null).body()
                + "; the page's event bus:\n" + b.busLog(), e);
        }
        b.awaitText("job-status", t -> t.contains("succeeded"));
        assertThat(b.driver.executeScript("return window.notReloaded === true;")).isEqualTo(true);
        b.awaitText("job-credits", t -> !t.equals("…"));
        b.screenshot(shots, "job");
    }

    private static String balance(Browser b) throws Exception {
        b.open(base + "/credits.html");
        return b.awaitText("balance", t -> t.matches("-?[0-9.]+"));
    }

    /** Waits, without reloading, until the credits page shows a balance other than {@code before}. */
    private static String balanceChanged(Browser b, String before) throws Exception {
        b.open(base + "/credits.html");
        String after = b.awaitText("balance", t -> t.matches("-?[0-9.]+") && !t.equals(before));
        b.awaitText("history", t -> t.contains("inclusion proof"));
        b.screenshot(shots, "credits");
        return after;
    }

    /** Creates a token on the nodes page, starts a node with the page's command and approves it there; answers its id. */
    private static String enrollAndApproveASecondNode(Browser b) throws Exception {
        b.open(base + "/nodes.html");
        b.driver.findElement(By.id("enroll-button")).click();
        String command = b.awaitText("enroll-command", t -> !t.isBlank());
        assertThat(command).startsWith("edgecoder up --enroll ect1.").contains("--roles worker", "--join ");
        second = startSecondNode(command);
        String nodeId;
        try {
            nodeId = Await.until("the new node pending on the page", Browser.WAIT, () -> pendingNode(b), id -> id != null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the second node's log:\n" + Files.readString(secondDir.resolve("node.log")), e);
        }
        b.screenshot(shots, "nodes-pending");
        b.click(By.cssSelector("button[aria-label='approve " + nodeId + "']"));
        try {
            Await.until("the node approved and heartbeating on the page", Browser.WAIT,
                () -> b.texts("tr[data-node='" + nodeId + "'] td"), cells -> String.join(" ", cells).contains("approved")
                    && String.join(" ", cells).contains("heartbeating"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the second node's log:\n" + Files.readString(secondDir.resolve("node.log")), e);
        }
        b.screenshot(shots, "nodes");
        return nodeId;
    }

    /** The id of a node the page lists as pending (read in one script: the page redraws its table every few seconds). */
    private static String pendingNode(Browser b) {
        Object id = b.driver.executeScript("const r = [...document.querySelectorAll('tr[data-node]')]"
            + ".find(row => row.textContent.includes('pending')); return r ? r.dataset.node : null;");
        return id == null ? null : id.toString();
    }

    private static Process startSecondNode(String command) throws IOException {
        assertThat(JAR).exists();
        secondDir = Files.createTempDirectory("edgecoder-browser-second");
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
            "-Dedgecoder.worker.slots=1", "-jar", JAR.toAbsolutePath().toString()));
        args.addAll(Arrays.asList(command.replaceFirst("^edgecoder ", "").split(" ")));
        args.addAll(List.of("--data-dir", secondDir.toString(), "--cluster-port", String.valueOf(freePort())));
        return new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(secondDir.resolve("node.log").toFile()).start();
    }

    private static void dashboardShowsBothWorkers(Browser b, String secondNode) throws Exception {
        b.open(base + "/dashboard.html");
        b.awaitText("live", t -> t.equals("live"));
        b.awaitText("d-workers", t -> t.equals("2"));
        assertThat(b.awaitText("d-slots", t -> t.endsWith("/ 3"))).endsWith("/ 3");
        b.awaitText("security", t -> t.contains("account.changed"));
        assertThat(b.driver.findElements(By.cssSelector("#chart svg.chart"))).hasSize(4);
        b.screenshot(shots, "dashboard");
        assertThat(admin("GET", "/api/v1/workers", null).body()).contains(secondNode);
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
