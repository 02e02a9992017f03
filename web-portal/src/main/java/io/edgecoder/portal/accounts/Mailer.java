package io.edgecoder.portal.accounts;

import io.vertx.core.Future;

/** Sends one plain-text mail. Implementations never log the body (it carries single-use links). */
public interface Mailer {
    Future<Void> send(String to, String subject, String body);

    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
