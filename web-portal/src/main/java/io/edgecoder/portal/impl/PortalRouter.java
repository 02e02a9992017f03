package io.edgecoder.portal.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.portal.PortalLimits;
import io.edgecoder.portal.wallet.BitcoinNetwork;
import io.edgecoder.portal.wallet.PayoutService;
import io.edgecoder.portal.wallet.PgPayouts;
import io.edgecoder.portal.PortalMeters;
import io.edgecoder.portal.accounts.Accounts;
import io.edgecoder.portal.oidc.ExternalSignIn;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Builds the portal's router. Order matters: security headers first, then authentication for
 * everything under {@code /api} (before any body is read, so unauthenticated callers cannot
 * make the node buffer 3 MiB), then a size-limited body handler per route, then the handler.
 * Every handler before {@link LimitedBody} must be synchronous (or pause the request), or body
 * bytes that arrive meanwhile are lost.
 * New route groups (accounts, OAuth2, passkeys, the SockJS bridge) are added as their own
 * classes in {@link #create}; {@link ApiAuth} is the one authentication handler (admin token, personal token,
 * session cookie with CSRF check).
 */
public final class PortalRouter {
    private PortalRouter() {
    }

    /**
     * What the router needs; all required but {@code accounts} (null: no database, only the admin token)
     * and {@code signIn} (null: no provider sign-in, passkeys or account pages).
     */
    public record Wiring(BusClient bus, String adminToken, String nodeId, PrometheusMeterRegistry registry,
                         Duration healthTimeout, Supplier<String> publicUrl, Accounts accounts, ExternalSignIn signIn,
                         BitcoinNetwork payoutNetwork) {
        public Wiring(BusClient bus, String adminToken, String nodeId, PrometheusMeterRegistry registry,
                      Duration healthTimeout, Supplier<String> publicUrl, Accounts accounts, ExternalSignIn signIn) {
            this(bus, adminToken, nodeId, registry, healthTimeout, publicUrl, accounts, signIn, BitcoinNetwork.MAINNET);
        }

        public Wiring(BusClient bus, String adminToken, String nodeId, PrometheusMeterRegistry registry,
                      Duration healthTimeout, Supplier<String> publicUrl) {
            this(bus, adminToken, nodeId, registry, healthTimeout, publicUrl, null, null);
        }

        public Wiring(BusClient bus, String adminToken, String nodeId, PrometheusMeterRegistry registry,
                      Duration healthTimeout, Supplier<String> publicUrl, Accounts accounts) {
            this(bus, adminToken, nodeId, registry, healthTimeout, publicUrl, accounts, null);
        }
    }

    public static Router create(Vertx vertx, Wiring wiring) {
        Router router = Router.router(vertx);
        router.route().handler(SecurityHeaders.everywhere());
        router.route("/api/*").handler(SecurityHeaders.machine());
        router.route("/health").handler(SecurityHeaders.machine());
        router.route("/metrics").handler(SecurityHeaders.machine());
        EnrollmentRoutes enrollment = new EnrollmentRoutes(wiring.bus(), wiring.publicUrl());
        mountEnrollment(router, enrollment);
        Accounts accounts = wiring.accounts();
        if (accounts != null) {
            mountOpenAccounts(router, accounts);
        }
        if (wiring.signIn() != null) {
            wiring.signIn().mountOpen(router, new BrowserForms());
        }
        router.route("/api/*").handler(new ApiAuth(wiring.adminToken(),
            accounts == null ? null : accounts.parts().sessions(), accounts == null ? null : accounts.parts().tokens(),
            wiring.registry().counter(PortalMeters.AUTH_FAILURES)));
        JobRoutes jobs = new JobRoutes(wiring.bus(), wiring.registry());
        router.post("/api/v1/jobs").handler(body(PortalLimits.JOB_BODY_BYTES)).handler(jobs::submit);
        router.put(AnchorRoutes.PROVE_PATH).handler(body(PortalLimits.ANCHOR_PROOF_BODY_BYTES))
            .handler(new AnchorRoutes(wiring.bus())::prove);
        router.route("/api/*").handler(body(PortalLimits.DEFAULT_BODY_BYTES));
        router.get("/api/v1/jobs").handler(jobs::list);
        router.get("/api/v1/jobs/:id").handler(jobs::get);
        router.post("/api/v1/jobs/:id/cancel").handler(jobs::cancel);
        router.delete("/api/v1/jobs/:id").handler(jobs::cancel);
        mountReads(router, wiring);
        mountEconomy(router, wiring);
        mountNodes(router, enrollment);
        if (accounts != null) {
            mountAccounts(router, accounts);
            mountPayout(router, accounts, wiring.payoutNetwork());
        }
        if (wiring.signIn() != null) {
            wiring.signIn().mountSignedIn(router);
        }
        mountOpen(vertx, router, wiring);
        installErrors(router);
        return router;
    }

    private static void mountReads(Router router, Wiring wiring) {
        LedgerRoutes ledger = new LedgerRoutes(wiring.bus());
        router.get("/api/v1/ledger/balances").handler(ledger::balances);
        router.get("/api/v1/ledger/verify").handler(ledger::verify);
        router.get("/api/v1/ledger/accounts/:account/history").handler(ledger::history);
        router.get("/api/v1/ledger/checkpoints").handler(ledger::checkpoints);
        router.get("/api/v1/ledger/proofs/inclusion").handler(ledger::inclusion);
        router.get("/api/v1/ledger/proofs/consistency").handler(ledger::consistency);
        AnchorRoutes anchors = new AnchorRoutes(wiring.bus());
        router.post("/api/v1/ledger/checkpoints/:id/anchors").handler(anchors::submit);
        router.get("/api/v1/ledger/anchors").handler(anchors::list);
        router.get("/api/v1/workers").handler(new WorkerRoutes(wiring.bus())::list);
    }

    private static void mountEconomy(Router router, Wiring wiring) {
        EconomyRoutes economy = new EconomyRoutes(wiring.bus());
        router.get("/api/v1/economy/price").handler(economy::price);
        router.get("/api/v1/economy/issuance/current").handler(economy::currentIssuance);
        router.get("/api/v1/economy/issuance/history").handler(economy::issuanceHistory);
        PaymentRoutes payments = new PaymentRoutes(wiring.bus());
        router.post("/api/v1/economy/quotes").handler(payments::quote);
        router.post("/api/v1/economy/intents").handler(payments::createIntent);
        router.get("/api/v1/economy/intents/:id").handler(payments::getIntent);
        router.post("/api/v1/economy/intents/:id/settle").handler(payments::settleIntent);
    }

    /** Open to machines without a token: a new node enrolls and asks for its status, bounded by a rate limit. */
    private static void mountEnrollment(Router router, EnrollmentRoutes enrollment) {
        EnrollLimiter limiter = new EnrollLimiter(PortalLimits.ENROLL_PER_ADDRESS_PER_MINUTE, PortalLimits.ENROLL_PER_MINUTE);
        router.post("/api/v1/enroll").handler(limiter).handler(body(PortalLimits.ENROLL_BODY_BYTES)).handler(enrollment::enroll);
        router.post("/api/v1/enroll/status").handler(limiter).handler(body(PortalLimits.ENROLL_BODY_BYTES))
            .handler(enrollment::status);
    }

    /** Open to browsers and scripts without a credential: sign-up, verification, reset, sign-in (JSON only, rate-limited). */
    private static void mountOpenAccounts(Router router, Accounts accounts) {
        AccountRoutes routes = new AccountRoutes(accounts);
        SessionRoutes sessions = new SessionRoutes(accounts);
        BrowserForms forms = new BrowserForms();
        router.post("/api/v1/accounts").handler(forms).handler(body(PortalLimits.ACCOUNT_BODY_BYTES)).handler(routes::signUp);
        router.post("/api/v1/accounts/verify").handler(forms).handler(body(PortalLimits.ACCOUNT_BODY_BYTES)).handler(routes::verify);
        router.post("/api/v1/password-resets").handler(forms).handler(body(PortalLimits.ACCOUNT_BODY_BYTES))
            .handler(routes::requestReset);
        router.post("/api/v1/password-resets/confirm").handler(forms).handler(body(PortalLimits.ACCOUNT_BODY_BYTES))
            .handler(routes::confirmReset);
        router.post("/api/v1/sessions").handler(forms).handler(body(PortalLimits.ACCOUNT_BODY_BYTES)).handler(sessions::signIn);
    }

    /** Routes of signed-in accounts (session or token) and the admin's account routes. */
    private static void mountAccounts(Router router, Accounts accounts) {
        AccountRoutes routes = new AccountRoutes(accounts);
        router.get("/api/v1/me").handler(routes::me);
        SessionRoutes sessions = new SessionRoutes(accounts);
        router.get("/api/v1/sessions").handler(sessions::list);
        router.delete("/api/v1/sessions").handler(sessions::signOut);
        router.delete("/api/v1/sessions/all").handler(sessions::signOutEverywhere);
        router.delete("/api/v1/sessions/:id").handler(sessions::end);
        TokenRoutes tokens = new TokenRoutes(accounts);
        router.post("/api/v1/tokens").handler(tokens::create);
        router.get("/api/v1/tokens").handler(tokens::list);
        router.delete("/api/v1/tokens/:id").handler(tokens::revoke);
        AdminAccountRoutes admin = new AdminAccountRoutes(accounts);
        router.post("/api/v1/admin/accounts").handler(admin::create);
        router.get("/api/v1/admin/accounts").handler(admin::list);
        router.patch("/api/v1/admin/accounts/:id").handler(admin::update);
        router.get("/api/v1/audit").handler(new AuditRoutes(accounts)::list);
    }

    /** Wallet onboarding: the signed-in person's payout destination. */
    private static void mountPayout(Router router, Accounts accounts, BitcoinNetwork network) {
        PayoutRoutes payout = new PayoutRoutes(new PayoutService(new PgPayouts(accounts.pool()), accounts.parts(), network,
            java.time.Clock.systemUTC()));
        router.get("/api/v1/me/payout").handler(payout::get);
        router.put("/api/v1/me/payout").handler(payout::set);
        router.delete("/api/v1/me/payout").handler(payout::remove);
    }

    /** Admin and coordinator-owner routes of the control role: enrollment tokens and node decisions. */
    private static void mountNodes(Router router, EnrollmentRoutes enrollment) {
        router.post("/api/v1/enrollment/tokens").handler(enrollment::createToken);
        router.get("/api/v1/nodes").handler(enrollment::list);
        router.post("/api/v1/nodes/:id/approve").handler(enrollment::approve);
        router.post("/api/v1/nodes/:id/reject").handler(enrollment::reject);
        router.post("/api/v1/nodes/:id/revoke").handler(enrollment::revoke);
    }

    private static void mountOpen(Vertx vertx, Router router, Wiring wiring) {
        HealthRoute health = new HealthRoute(new RoleProbe(vertx, wiring.healthTimeout()), wiring.nodeId());
        router.get("/health").handler(health::handle);
        router.head("/health").handler(health::handle);
        router.get("/metrics").handler(new MetricsRoute(wiring.registry())::handle);
    }

    private static void installErrors(Router router) {
        ApiFailureHandler failures = new ApiFailureHandler();
        router.route().failureHandler(failures);
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, failures);
        }
    }

    private static LimitedBody body(long limit) {
        return new LimitedBody(limit);
    }
}
