package io.edgecoder.portal.impl;

import io.edgecoder.core.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds the open enrollment routes: at most {@code perAddress} requests a minute from one client
 * address and {@code total} from everyone, counted in fixed one-minute windows; beyond that the
 * answer is 429 with {@code Retry-After}, before the body is read. The table of addresses is bounded,
 * so many addresses cost memory only up to {@link #MAX_ADDRESSES}. Runs on the event loop.
 */
final class EnrollLimiter implements Handler<RoutingContext> {
    static final int MAX_ADDRESSES = 10_000;
    private static final long WINDOW_MS = 60_000;

    private final int perAddress;
    private final int total;
    private final Map<String, Integer> counts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };
    private long window = -1;
    private int all;

    EnrollLimiter(int perAddress, int total) {
        this.perAddress = perAddress;
        this.total = total;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (admit(address(ctx), System.currentTimeMillis())) {
            ctx.next();
            return;
        }
        long retry = Math.max(1, (window + WINDOW_MS - System.currentTimeMillis() + 999) / 1000);
        ctx.response().putHeader("Retry-After", Long.toString(retry));
        HttpJson.error(ctx, ErrorCode.OVERLOADED.status(), HttpJson.errorName(ErrorCode.OVERLOADED),
            "too many enrollment requests; try again in " + retry + " s");
    }

    synchronized boolean admit(String address, long nowMillis) {
        long current = nowMillis / WINDOW_MS * WINDOW_MS;
        if (current != window) {
            window = current;
            all = 0;
            counts.clear();
        }
        int mine = counts.getOrDefault(address, 0);
        if (mine >= perAddress || all >= total) {
            return false;
        }
        counts.put(address, mine + 1);
        all++;
        return true;
    }

    private static String address(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null ? "?" : remote.hostAddress();
    }
}
