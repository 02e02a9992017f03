package io.edgecoder.portal.passkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.portal.SignInHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in a real browser: headless Chromium with the W3C virtual authenticator (resident keys,
 * user verification) on the portal's own pages. Registers two passkeys (one per authenticator),
 * signs in with one, removes one, and shows the removed one no longer signs in while the other does.
 * Skipped, with the reason, only where Chromium is not installed; under CI it must run.
 */
class PasskeyBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EMAIL = "pat@example.org";
    private static final String PASSWORD = "a long enough passphrase 42";

    private SignInHarness portal;
    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void start() throws Exception {
        Optional<String> missing = Chromium.missing();
        if (missing.isPresent() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the browser tests: " + missing.get());
        }
        assumeThat(missing).as(missing.orElse("")).isEmpty();
        portal = new SignInHarness();
        portal.accountWithPassword(EMAIL, PASSWORD);
        profile = Files.createTempDirectory("edgecoder-chromium");
        browser = Chromium.start(profile);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (portal != null) {
            portal.close();
        }
        if (profile != null) {
            TempFiles.deleteTree(profile);
        }
    }

    private String page(String path) {
        return "http://localhost:" + portal.port() + path;
    }

    private VirtualAuthenticator authenticator() {
        return browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
            .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
            .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
            .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
    }

    private void awaitStatus(String text) throws Exception {
        Await.until("status '" + text + "'", WAIT, this::pageState, s -> s.contains("status=") && s.contains(text));
    }

    private void awaitSignedIn() throws Exception {
        Await.until("the account page naming " + EMAIL, WAIT, this::pageState, state -> state.startsWith("who=" + EMAIL + ";"));
    }

    /** What the page shows, for waiting on and for the failure message; a page being replaced shows nothing yet. */
    private String pageState() {
        try {
            return shown();
        } catch (StaleElementReferenceException | NoSuchElementException e) {
            return "(page changing)";
        }
    }

    private String shown() {
        List<WebElement> who = browser.findElements(By.id("who"));
        List<WebElement> status = browser.findElements(By.id("status"));
        return "who=" + (who.isEmpty() ? "(none)" : who.get(0).getText()) + "; status=" + (status.isEmpty() ? "(none)"
            : status.get(0).getText()) + "; url=" + browser.getCurrentUrl() + "; page text=" + browser.findElement(By.tagName("body")).getText();
    }

    private void signInWithPassword() throws Exception {
        browser.get(page("/account/signin.html"));
        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("password-submit")).click();
        awaitSignedIn();
    }

    private void addPasskey(String name, int expectedRows) throws Exception {
        browser.get(page("/account/passkeys.html"));
        browser.findElement(By.id("passkey-name")).sendKeys(name);
        browser.findElement(By.id("add-passkey")).click();
        awaitStatus("Added passkey " + name);
        Await.until(expectedRows + " passkeys listed", WAIT, this::listed, rows -> rows.size() == expectedRows);
    }

    /** The names in the passkey table; an empty list while the table is being redrawn. */
    private List<String> listed() {
        try {
            return browser.findElements(By.cssSelector("#passkeys tr")).stream()
                .map(row -> row.findElement(By.cssSelector("td")).getText()).toList();
        } catch (StaleElementReferenceException | NoSuchElementException e) {
            return List.of();
        }
    }

    private void signOut() throws Exception {
        browser.get(page("/account/"));
        awaitSignedIn();
        browser.findElement(By.id("signout")).click();
        Await.until("the sign-in page", WAIT, browser::getCurrentUrl, url -> url.endsWith("/account/signin.html"));
    }

    private void signInWithPasskey() {
        browser.get(page("/account/signin.html"));
        browser.findElement(By.id("passkey-signin")).click();
    }

    @Test
    void passkeysAreRegisteredUsedListedAndRemovedInTheBrowser() throws Exception {
        signInWithPassword();
        VirtualAuthenticator laptop = authenticator();
        addPasskey("laptop", 1);
        List<Credential> laptopKeys = laptop.getCredentials();
        assertThat(laptopKeys).hasSize(1);
        assertThat(laptopKeys.get(0).isResidentCredential()).isTrue();
        browser.removeVirtualAuthenticator(laptop);
        VirtualAuthenticator phone = authenticator();
        addPasskey("phone", 2);
        assertThat(listed()).containsExactly("laptop", "phone");

        signOut();
        signInWithPasskey();
        awaitSignedIn();

        browser.get(page("/account/passkeys.html"));
        Await.until("both passkeys listed", WAIT, this::listed, rows -> rows.size() == 2);
        WebElement removePhone = browser.findElement(By.cssSelector("button[aria-label='Remove passkey phone']"));
        removePhone.click();
        awaitStatus("Removed passkey phone");
        Await.until("only the laptop listed", WAIT, this::listed, rows -> rows.equals(List.of("laptop")));

        signOut();
        signInWithPasskey();
        awaitStatus("Passkey sign-in failed");
        assertThat(browser.getCurrentUrl()).endsWith("/account/signin.html");

        browser.removeVirtualAuthenticator(phone);
        VirtualAuthenticator laptopAgain = authenticator();
        laptopAgain.addCredential(laptopKeys.get(0));
        signInWithPasskey();
        awaitSignedIn();
    }
}
