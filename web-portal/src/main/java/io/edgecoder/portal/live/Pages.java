package io.edgecoder.portal.live;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser pages: plain HTML, CSS and JavaScript from the jar ({@code webroot/}), no CDN. Their
 * content policy allows only this origin (scripts, styles, images, connections: the API and the
 * event-bus websocket), no inline script, no framing.
 */
public final class Pages {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private Pages() {
    }

    public static void mount(Router router) {
        StaticHandler files = StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(true)
            .setMaxAgeSeconds(60).setDirectoryListing(false).setIncludeHidden(false);
        // The account mails link here (AccountMail); the token travels in the fragment, never to the server.
        router.get("/verify-email").handler(ctx -> ctx.reroute("/verify-email.html"));
        router.get("/reset-password").handler(ctx -> ctx.reroute("/reset-password.html"));
        router.getWithRegex("^/(?!api/|eventbus|health|metrics).*").handler(Pages::headers).handler(files);
    }

    private static void headers(RoutingContext ctx) {
        ctx.response().headers().set("Content-Security-Policy", POLICY);
        ctx.next();
    }
}
