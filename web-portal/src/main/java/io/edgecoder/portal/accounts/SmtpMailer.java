package io.edgecoder.portal.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * Mail through an SMTP server with the Vert.x mail client: STARTTLS required (the default),
 * implicit TLS, or plain (only for a relay on the same host or a test server).
 */
public final class SmtpMailer implements Mailer {
    private final MailClient client;
    private final String from;

    public SmtpMailer(Vertx vertx, SmtpSettings smtp) {
        MailConfig config = new MailConfig()
            .setHostname(smtp.host())
            .setPort(smtp.port())
            .setMaxPoolSize(4)
            .setKeepAlive(true);
        switch (smtp.security()) {
            case "tls" -> config.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
            case "none" -> config.setStarttls(StartTLSOptions.DISABLED);
            default -> config.setStarttls(StartTLSOptions.REQUIRED);
        }
        if (smtp.user() != null) {
            config.setLogin(LoginOption.REQUIRED).setUsername(smtp.user()).setPassword(smtp.password());
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        this.client = MailClient.create(vertx, config);
        this.from = smtp.from();
    }

    @Override
    public Future<Void> send(String to, String subject, String body) {
        MailMessage message = new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(body);
        return client.sendMail(message).mapEmpty();
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }
}
