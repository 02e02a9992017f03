package io.edgecoder.portal.passkeys;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; CI installs both). Nothing is downloaded: both executables are found
 * on the PATH or at Debian's paths.
 */
public final class Chromium {
    private Chromium() {
    }

    public static Optional<Path> browser() {
        return find("chromium", "/usr/bin/chromium");
    }

    public static Optional<Path> driver() {
        return find("chromedriver", "/usr/bin/chromedriver");
    }

    /** Why the browser tests cannot run here, or empty when they can. */
    public static Optional<String> missing() {
        if (browser().isEmpty() || driver().isEmpty()) {
            return Optional.of("headless Chromium is not installed (apt-get install chromium chromium-driver): found chromium="
                + browser().map(Path::toString).orElse("none") + ", chromedriver=" + driver().map(Path::toString).orElse("none"));
        }
        return Optional.empty();
    }

    public static ChromeDriver start(Path profile) {
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(driver().orElseThrow().toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(browser().orElseThrow().toFile())
            .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + profile);
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> find(String name, String debianPath) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? List.<String>of() : List.of(path.split(File.pathSeparator))) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path debian = Path.of(debianPath);
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }
}
