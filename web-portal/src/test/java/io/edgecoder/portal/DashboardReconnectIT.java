package io.edgecoder.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.icegreen.greenmail.util.GreenMail;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.portal.passkeys.Chromium;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard page in headless Chromium across a portal restart: the portal is undeployed while
 * the page is open, the page says it is reconnecting, a new portal comes up on the same port and
 * database, and the page (never reloaded) connects again, registers again and shows the new
 * portal's live samples. The capacity table is played by a consumer of {@code WORKER_LIST} whose
 * worker count the test sets; a count changed after the reconnect can only reach the page through
 * its new subscription (the page reads the hour over HTTP only when it connects).
 */
class DashboardReconnectIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String EMAIL = "owner@dashboard.test";

    private final AtomicInteger workers = new AtomicInteger(1);
    private Vertx vertx;
    private GreenMail mail;
    private String dbUrl;
    private int port;
    private AccountsHarness portal;
    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void start() throws Exception {
        Optional<String> missing = Chromium.missing();
        if (missing.isPresent() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the browser tests: " + missing.get());
        }
        assumeThat(missing).as(missing.orElse("")).isEmpty();
        vertx = Vertx.vertx();
        mail = AccountsHarness.startMail();
        dbUrl = TestDatabase.freshDatabase();
        port = freePort();
        BusClient bus = new BusClient(vertx, Duration.ofSeconds(5));
        PortalHarness.await(bus.consumer(CoordinatorAddresses.WORKER_LIST, WorkerListRequest.class, q -> Future.succeededFuture(
            new WorkerListReply(IntStream.range(0, workers.get()).mapToObj(i -> new WorkerHeartbeat("n" + i + "0123456789abcde", "local",
                List.of("python"), 2, 2, 0, "strong", 1000)).toList()))));
        portal = AccountsHarness.start(vertx, dbUrl, mail, AccountsHarness.CHEAP, port);
        HttpResponse<Buffer> owner = AccountsHarness.send(portal.admin(HttpMethod.POST, "/api/v1/admin/accounts"), new JsonObject()
            .put("email", EMAIL).put("password", AccountsHarness.PASSWORD).put("roles", List.of("coordinator-owner")).put("org", "acme"));
        assertThat(owner.statusCode()).as(owner.bodyAsString()).isEqualTo(201);
        profile = Files.createTempDirectory("edgecoder-chromium");
        browser = Chromium.start(profile);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            TempFiles.deleteTree(profile);
        }
        if (portal != null) {
            portal.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (vertx != null) {
            PortalHarness.await(vertx.close());
        }
    }

    @Test
    void theOpenDashboardReconnectsAndResubscribesAfterThePortalRestarts() throws Exception {
        String base = "http://localhost:" + port;
        browser.get(base + "/");
        awaitReady();
        browser.findElement(By.id("si-email")).sendKeys(EMAIL);
        browser.findElement(By.id("si-password")).sendKeys(AccountsHarness.PASSWORD);
        browser.findElement(By.id("signin-button")).click();
        Await.until("the jobs page", WAIT, browser::getCurrentUrl, u -> u.endsWith("/jobs.html"));
        browser.get(base + "/dashboard.html");
        awaitText("live", "live");
        awaitText("d-workers", "1");
        browser.executeScript("window.notReloaded = true;");

        portal.close();
        portal = null;
        awaitText("live", "reconnecting…");
        workers.set(2);
        portal = AccountsHarness.start(vertx, dbUrl, mail, AccountsHarness.CHEAP, port);
        awaitText("live", "live");
        awaitText("d-workers", "2");

        workers.set(3);
        awaitText("d-workers", "3");
        assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
    }

    private void awaitReady() throws Exception {
        Await.until("the page ready", WAIT, () -> browser.findElements(By.cssSelector("body[data-ready='true']")), l -> !l.isEmpty());
    }

    private void awaitText(String id, String text) throws Exception {
        Await.until("#" + id + " showing '" + text + "'", WAIT, () -> {
            List<WebElement> found = browser.findElements(By.id(id));
            try {
                return found.isEmpty() ? null : found.get(0).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        }, text::equals);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
