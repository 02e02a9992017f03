package io.edgecoder.portal.live;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.Json;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.SessionService;
import io.edgecoder.portal.impl.HttpJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * What the browser pages need beyond the JSON API: the job-event relay, the dashboard feed, the
 * SockJS bridge ({@link BrowserBridge}), {@code GET /api/v1/dashboard} (the last hour, owners and
 * admins) and the pages themselves ({@link Pages}). Mounted after the API routes, so {@code /api}
 * keeps its authentication and JSON errors.
 */
public final class LivePortal {
    public static final String DASHBOARD_PATH = "/api/v1/dashboard";

    private final Vertx vertx;
    private final SessionService sessions;
    private final DashboardFeed feed;
    private final JobEventRelay relay;
    private final BrowserBridge bridge;

    private LivePortal(Vertx vertx, BusClient bus, SessionService sessions, Clock clock) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.feed = new DashboardFeed(vertx, bus, clock);
        this.relay = new JobEventRelay(bus, feed::observe);
        this.bridge = new BrowserBridge(vertx, sessions);
    }

    /** Registers the relay's consumer and starts the dashboard's timer. */
    public static Future<LivePortal> start(Vertx vertx, BusClient bus, SessionService sessions, Clock clock) {
        LivePortal live = new LivePortal(vertx, bus, sessions, clock);
        return live.relay.start().compose(v -> live.bridge.watchSessions(bus)).onSuccess(v -> live.feed.start()).map(live);
    }

    /** Adds the dashboard route (behind the {@code /api} authentication already on the router), the bridge and the pages. */
    public void mount(Router router) {
        router.get(DASHBOARD_PATH).handler(this::dashboard);
        bridge.mount(router);
        Pages.mount(router);
    }

    public void stop() {
        feed.stop();
        bridge.stop();
    }

    private void dashboard(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (!BrowserAccess.dashboard(caller)) {
            HttpJson.error(ctx, 403, HttpJson.errorName(ErrorCode.FORBIDDEN),
                "the operations dashboard is for coordinator-owners and system-admins");
            return;
        }
        JsonArray samples = new JsonArray();
        feed.history().forEach(s -> samples.add(Json.toJson(s)));
        HttpJson.send(ctx, 200, new JsonObject().put("samples", samples));
    }
}
