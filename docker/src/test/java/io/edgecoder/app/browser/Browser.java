package io.edgecoder.app.browser;

import io.edgecoder.core.testing.Await;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver (packages {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs); nothing is downloaded. Waits are
 * {@link Await} conditions on what the page shows.
 */
final class Browser implements AutoCloseable {
    /** Generous: the machine the tests share can be very loaded, and a job runs in a real sandbox. */
    static final Duration WAIT = Duration.ofSeconds(180);
    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why the browser cannot run here, or empty. */
    static Optional<String> missing() {
        return executable("chromium").isPresent() && executable("chromedriver").isPresent() ? Optional.empty()
            : Optional.of("headless Chromium is not installed (apt-get install chromium chromium-driver)");
    }

    static Browser start() throws Exception {
        Path profile = Files.createTempDirectory("edgecoder-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(executable("chromedriver").orElseThrow().toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(executable("chromium").orElseThrow().toFile())
            .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", RECORDER));
        return new Browser(driver, profile);
    }

    /** Keeps the last event-bus frames each page received and its closes, for a failure's message (not page code). */
    private static final String RECORDER = """
        (() => {
          const Real = window.WebSocket;
          window.__busLog = [];
          const log = (s) => { window.__busLog.push(s.length > 300 ? s.slice(0, 300) + "..." : s); if (window.__busLog.length > 40) window.__busLog.shift(); };
          window.WebSocket = function (url, protocols) {
            const ws = protocols === undefined ? new Real(url) : new Real(url, protocols);
            ws.addEventListener("open", () => log("open " + url));
            ws.addEventListener("message", (m) => log("in " + (typeof m.data === "string" ? m.data : "binary " + m.data)));
            ws.addEventListener("close", (c) => log("close " + c.code + " " + c.reason));
            const send = ws.send.bind(ws);
            ws.send = (d) => { log("out " + d); send(d); };
            return ws;
          };
          window.WebSocket.prototype = Real.prototype;
          Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
        })();
        """;

    /** What this page's event-bus sockets did (see {@link #RECORDER}). */
    String busLog() {
        try {
            return String.valueOf(driver.executeScript("return (window.__busLog || []).join('\\n');"));
        } catch (RuntimeException e) {
            return "(no bus log: " + e.getMessage() + ")";
        }
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? List.<String>of() : List.of(path.split(File.pathSeparator))) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path debian = Path.of("/usr/bin", name);
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }

    /** Opens {@code url} and waits until its page has set itself up (its script marks {@code <body data-ready>}). */
    void open(String url) throws Exception {
        driver.get(url);
        awaitElement(By.cssSelector("body[data-ready='true']"));
    }

    /** Clicks the element, finding it again when the page redrew it between finding and clicking. */
    void click(By by) throws Exception {
        Await.until("a click on " + by, WAIT, () -> {
            try {
                List<WebElement> found = driver.findElements(by);
                if (found.isEmpty()) {
                    return false;
                }
                found.get(0).click();
                return true;
            } catch (StaleElementReferenceException e) {
                return false;
            }
        }, clicked -> clicked);
    }

    /** The text of the element with {@code id}, waiting until {@code done} holds for it. */
    String awaitText(String id, java.util.function.Predicate<String> done) throws Exception {
        return Await.until("#" + id + " on " + driver.getCurrentUrl(), WAIT, () -> text(By.id(id)), t -> t != null && done.test(t));
    }

    /** Texts of every element matching {@code css} (empty while the page is being redrawn). */
    List<String> texts(String css) {
        try {
            return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
        } catch (StaleElementReferenceException e) {
            return List.of();
        }
    }

    private String text(By by) {
        try {
            List<WebElement> found = driver.findElements(by);
            return found.isEmpty() ? null : found.get(0).getText();
        } catch (StaleElementReferenceException e) {
            return null;
        }
    }

    WebElement awaitElement(By by) throws Exception {
        return Await.until(by + " on " + driver.getCurrentUrl(), WAIT, () -> driver.findElements(by), l -> !l.isEmpty()).get(0);
    }

    /** Saves a screenshot as {@code <dir>/<name>.png} when {@code dir} is set (EDGECODER_SCREENSHOTS). */
    void screenshot(Path dir, String name) throws Exception {
        if (dir == null) {
            return;
        }
        Files.createDirectories(dir);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
