package io.edgecoder.portal.pages;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The small account pages under {@code /account/} (sign-in, account, passkeys), served from the
 * jar's {@code webroot/account}: plain HTML and JavaScript of this origin only (no CDN, no inline
 * script), under a strict content policy. They call the JSON API like any other client.
 */
public final class AccountPages {
    public static final String PATH = "/account";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
        + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private AccountPages() {
    }

    public static void mount(Router router) {
        router.get(PATH).handler(ctx -> {
            if (PATH.equals(ctx.request().path())) {
                ctx.redirect(PATH + "/");
            } else {
                ctx.next();
            }
        });
        router.route(PATH + "/*").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", POLICY).putHeader("Cache-Control", "no-cache");
            ctx.next();
        });
        router.get(PATH + "/*").handler(StaticHandler.create("webroot/account")
            .setIndexPage("index.html").setCachingEnabled(false).setDirectoryListing(false).setIncludeHidden(false));
    }
}
