package io.edgecoder.portal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.MutableClock;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.portal.accounts.AbuseLimits;
import io.edgecoder.portal.accounts.AccountsConfig;
import io.edgecoder.portal.accounts.PasswordHasher;
import io.edgecoder.portal.accounts.SmtpSettings;
import io.edgecoder.portal.app.PortalConfig;
import io.edgecoder.portal.app.PortalVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real portal with accounts: its own fresh database on the test JVM's embedded PostgreSQL, a
 * real SMTP server in-process (GreenMail) that receives the account mail, a clock the test moves,
 * and cheap Argon2 parameters (the figures use the real ones). Browsers are web-client sessions
 * that keep cookies.
 */
public final class AccountsHarness implements AutoCloseable {
    public static final String TOKEN = PortalHarness.TOKEN;
    public static final String PASSWORD = "correct horse battery staple";
    public static final PasswordHasher.Params CHEAP = new PasswordHasher.Params(1024, 1, 1);
    private static final Pattern LINK_TOKEN = Pattern.compile("token=(ec[vr]_[A-Za-z0-9_-]+)");

    public final Vertx vertx;
    public final GreenMail mail;
    public final String dbUrl;
    public final MutableClock clock = new MutableClock(Instant.now());
    public final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final PortalVerticle verticle;
    private final boolean ownsMail;
    private final String deployment;
    private final WebClient client;
    private final Set<MimeMessage> seen = new HashSet<>();

    private AccountsHarness(Vertx vertx, String dbUrl, GreenMail mail, boolean ownsMail, AbuseLimits limits,
                            PasswordHasher.Params params) {
        this(vertx, dbUrl, mail, ownsMail, limits, params, 0);
    }

    private AccountsHarness(Vertx vertx, String dbUrl, GreenMail mail, boolean ownsMail, AbuseLimits limits,
                            PasswordHasher.Params params, int port) {
        this.vertx = vertx;
        this.dbUrl = dbUrl;
        this.mail = mail;
        this.ownsMail = ownsMail;
        SmtpSettings smtp = new SmtpSettings("127.0.0.1", mail.getSmtp().getPort(), "none", null, null, "portal@edgecoder.test");
        AccountsConfig d = AccountsConfig.defaults(dbUrl, smtp, null);
        AccountsConfig accounts = new AccountsConfig(dbUrl, 4, params, false, d.sessionLifetime(), d.sessionIdle(), d.maxTokenDays(),
            d.cacheTtl(), limits, smtp, null);
        PortalConfig config = new PortalConfig("127.0.0.1", port, Duration.ofSeconds(5), Duration.ofMillis(300), TOKEN,
            NodeIdentity.ephemeral(), registry, null, accounts);
        this.verticle = new PortalVerticle(config, clock);
        this.deployment = PortalHarness.await(vertx.deployVerticle(verticle));
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    }

    /** A portal on a new Vert.x, a new database and a new mail server, with generous limits. */
    public static AccountsHarness start() {
        return start(AbuseLimits.DEFAULT);
    }

    public static AccountsHarness start(AbuseLimits limits) {
        return new AccountsHarness(Vertx.vertx(), TestDatabase.freshDatabase(), startMail(), true, limits, CHEAP);
    }

    /** Another portal on {@code vertx} sharing a database and a mail server (a second node of a cluster). */
    public static AccountsHarness start(Vertx vertx, String dbUrl, GreenMail mail, PasswordHasher.Params params) {
        return new AccountsHarness(vertx, dbUrl, mail, false, AbuseLimits.DEFAULT, params);
    }

    /** {@link #start(Vertx, String, GreenMail, PasswordHasher.Params)} on a given port (a portal restarted where browsers expect it). */
    public static AccountsHarness start(Vertx vertx, String dbUrl, GreenMail mail, PasswordHasher.Params params, int port) {
        return new AccountsHarness(vertx, dbUrl, mail, false, AbuseLimits.DEFAULT, params, port);
    }

    public static GreenMail startMail() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        return greenMail;
    }

    public int port() {
        return verticle.actualPort();
    }

    /** A browser: a client that keeps this portal's cookies. */
    public WebClientSession browser() {
        return WebClientSession.create(client);
    }

    public HttpRequest<Buffer> anonymous(HttpMethod method, String path) {
        return client.request(method, path);
    }

    public HttpRequest<Buffer> admin(HttpMethod method, String path) {
        return client.request(method, path).bearerTokenAuthentication(TOKEN);
    }

    public HttpRequest<Buffer> withToken(String token, HttpMethod method, String path) {
        return client.request(method, path).bearerTokenAuthentication(token);
    }

    public static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
        return PortalHarness.await(body == null ? request.send() : request.sendJsonObject(body));
    }

    /** The body of the next mail to {@code to} whose subject contains {@code subject}, waiting up to 20 s. */
    public synchronized String awaitMail(String to, String subject) throws Exception {
        MimeMessage found = Await.until("a mail '" + subject + "' to " + to, Duration.ofSeconds(20),
            () -> Arrays.stream(mail.getReceivedMessages())
                .filter(m -> !seen.contains(m) && has(m, to, subject)).findFirst().orElse(null),
            m -> m != null);
        seen.add(found);
        return String.valueOf(found.getContent());
    }

    private static boolean has(MimeMessage m, String to, String subject) {
        try {
            return m.getSubject().contains(subject) && Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(to));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    /** The single-use token of a link in a mail body. */
    public static String linkToken(String body) {
        Matcher m = LINK_TOKEN.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no link token in mail: " + body);
        }
        return m.group(1);
    }

    /** Signs up, reads the mail and opens the link: answers the new account's JSON. */
    public JsonObject register(String email) throws Exception {
        HttpResponse<Buffer> signUp = send(anonymous(HttpMethod.POST, "/api/v1/accounts"),
            new JsonObject().put("email", email).put("password", PASSWORD));
        if (signUp.statusCode() != 202) {
            throw new AssertionError("sign-up answered " + signUp.statusCode() + " " + signUp.bodyAsString());
        }
        String token = linkToken(awaitMail(io.edgecoder.portal.accounts.Emails.normalise(email, "email"), "Confirm"));
        HttpResponse<Buffer> verified = send(anonymous(HttpMethod.POST, "/api/v1/accounts/verify"), new JsonObject().put("token", token));
        if (verified.statusCode() != 201) {
            throw new AssertionError("verify answered " + verified.statusCode() + " " + verified.bodyAsString());
        }
        return verified.bodyAsJsonObject();
    }

    /** A signed-in browser and its CSRF token. */
    public record Browser(WebClientSession client, String csrf, JsonObject account) {
        public HttpRequest<Buffer> request(HttpMethod method, String path) {
            return client.request(method, path).putHeader("X-CSRF-Token", csrf);
        }
    }

    public Browser signIn(String email, String password) {
        WebClientSession browser = browser();
        HttpResponse<Buffer> r = send(browser.request(HttpMethod.POST, "/api/v1/sessions"),
            new JsonObject().put("email", email).put("password", password));
        if (r.statusCode() != 201) {
            throw new AssertionError("sign-in answered " + r.statusCode() + " " + r.bodyAsString());
        }
        return new Browser(browser, r.bodyAsJsonObject().getString("csrfToken"), r.bodyAsJsonObject().getJsonObject("account"));
    }

    @Override
    public void close() {
        client.close();
        if (ownsMail) {
            mail.stop();
            PortalHarness.await(vertx.close());
        } else {
            PortalHarness.await(vertx.undeploy(deployment));
        }
    }
}
