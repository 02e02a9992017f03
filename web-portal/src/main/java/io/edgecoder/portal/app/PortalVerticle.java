package io.edgecoder.portal.app;

import io.edgecoder.core.HealthStatus;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.db.DbUrls;
import io.edgecoder.portal.accounts.Accounts;
import io.edgecoder.portal.wallet.PayoutSchema;
import io.edgecoder.portal.oidc.ExternalSignIn;
import io.edgecoder.portal.impl.InvalidRequests;
import io.edgecoder.portal.impl.PortalRouter;
import io.edgecoder.portal.live.BrowserBridge;
import io.edgecoder.portal.live.LivePortal;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal role: the HTTP API on {@code http.host:http.port} and the portal's own health
 * answer. Start completes once the health consumer is registered and the server listens.
 */
public final class PortalVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(PortalVerticle.class);

    private final PortalConfig config;
    private final Clock clock;
    private volatile int actualPort = -1;
    private volatile Accounts accounts;
    private LivePortal live;

    public PortalVerticle(PortalConfig config) {
        this(config, Clock.systemUTC());
    }

    /** A portal whose accounts read time from {@code clock} (tests move it to expire sessions and locks). */
    public PortalVerticle(PortalConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The port the server listens on, after start; -1 before. */
    public int actualPort() {
        return actualPort;
    }

    /** Where other machines reach this portal: {@code portal.public.url}, else {@code http://<host>:<port>}. */
    public String publicUrl() {
        return config.publicUrl() != null ? config.publicUrl() : "http://" + config.host() + ":" + actualPort;
    }

    /** The accounts of this portal after start (null when it has none). */
    public Accounts accounts() {
        return accounts;
    }

    @Override
    public Future<?> start() {
        BusClient bus = new BusClient(vertx, config.busTimeout());
        return startAccounts(bus)
            .map(a -> PortalRouter.create(vertx, new PortalRouter.Wiring(bus, config.adminToken(),
                config.identity().nodeId(), config.registry(), config.healthTimeout(), this::publicUrl, a, signIn(a), config.payoutNetwork())))
            .compose(router -> startLive(bus, router))
            .compose(router -> registerHealth(bus).compose(v -> listen(router)))
            .onSuccess(server -> ready(server.actualPort()));
    }

    private ExternalSignIn signIn(Accounts started) {
        return started == null ? null : ExternalSignIn.create(vertx, config.signIn().oidc(), config.signIn().passkeys(), started,
            this::publicUrl, clock);
    }

    private Future<Accounts> startAccounts(BusClient bus) {
        if (config.accounts() == null) {
            return Future.succeededFuture();
        }
        return Accounts.start(vertx, config.accounts(), bus, this::publicUrl, clock)
            .onSuccess(a -> accounts = a)
            .compose(a -> PayoutSchema.migrate(a.pool()).map(a))
            .recover(e -> Future.failedFuture(new IllegalStateException("portal cannot open its accounts database (db.url): "
                + DbUrls.redact(e.getMessage()), e)));
    }

    /** The pages, the SockJS bridge and the dashboard need accounts (sessions); without them the portal is API only. */
    private Future<Router> startLive(BusClient bus, Router router) {
        if (accounts == null) {
            return Future.succeededFuture(router);
        }
        return LivePortal.start(vertx, bus, accounts.parts().sessions(), clock)
            .onSuccess(l -> live = l)
            .map(l -> {
                l.mount(router);
                return router;
            });
    }

    @Override
    public Future<?> stop() {
        if (live != null) {
            live.stop();
        }
        return accounts == null ? Future.succeededFuture() : accounts.close();
    }

    private Future<Void> registerHealth(BusClient bus) {
        return bus.localConsumer(NodeAddresses.roleHealth(Role.PORTAL), HealthRequest.class, request -> health())
            .mapEmpty();
    }

    private Future<RoleHealth> health() {
        String http = actualPort > 0 ? "listening" : "starting";
        if (accounts == null) {
            return Future.succeededFuture(new RoleHealth(Role.PORTAL.id(), HealthStatus.of(actualPort > 0), Map.of("http", http)));
        }
        return accounts.pool().query("SELECT 1").execute().map(true).otherwise(false)
            .map(db -> new RoleHealth(Role.PORTAL.id(), HealthStatus.of(actualPort > 0 && db),
                Map.of("http", http, "database", HealthStatus.of(db).wire())));
    }

    private Future<HttpServer> listen(Router router) {
        HttpServerOptions options = new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setCompressionSupported(false)
            .setDecompressionSupported(false)
            .setMaxInitialLineLength(InvalidRequests.MAX_REQUEST_LINE)
            .setMaxHeaderSize(InvalidRequests.MAX_HEADER_BYTES)
            .setMaxWebSocketFrameSize(BrowserBridge.MAX_INBOUND_BYTES)
            .setMaxWebSocketMessageSize(BrowserBridge.MAX_INBOUND_BYTES);
        return vertx.createHttpServer(options)
            .invalidRequestHandler(new InvalidRequests())
            .requestHandler(router)
            .listen()
            .recover(failure -> Future.failedFuture(new IllegalStateException("portal cannot listen on "
                + config.host() + ":" + config.port() + " (http.host/http.port): " + failure.getMessage(), failure)));
    }

    private void ready(int port) {
        actualPort = port;
        LOG.info("portal ready on http://{}:{}", config.host(), port);
    }
}
