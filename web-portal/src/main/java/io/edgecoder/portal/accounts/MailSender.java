package io.edgecoder.portal.accounts;

import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends account mail in the background: the HTTP answer never waits for (or reveals) delivery, so
 * an answer takes as long whether or not a mail went out. A failure is logged without recipient,
 * link or body, and counted.
 */
public final class MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);

    private final Mailer mailer;
    private final AccountMail texts;
    private final AtomicLong failures = new AtomicLong();

    public MailSender(Mailer mailer, Supplier<String> publicUrl) {
        this.mailer = mailer;
        this.texts = new AccountMail(publicUrl);
    }

    AccountMail texts() {
        return texts;
    }

    Future<Void> send(String to, AccountMail.Message message) {
        return mailer.send(to, message.subject(), message.body())
            .onFailure(e -> {
                failures.incrementAndGet();
                LOG.warn("account mail '{}' could not be sent: {}", message.subject(), e.getMessage());
            });
    }

    /** A plain notice to an account's own address (a security change such as a new payout destination). */
    public Future<Void> notice(String to, String subject, String body) {
        return send(to, new AccountMail.Message(subject, body));
    }

    /** Mails that could not be sent since start. */
    public long failures() {
        return failures.get();
    }

    public Future<Void> close() {
        return mailer.close();
    }
}
