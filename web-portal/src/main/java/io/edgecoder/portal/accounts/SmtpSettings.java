package io.edgecoder.portal.accounts;

import io.edgecoder.core.config.ConfigException;
import java.util.Locale;

/**
 * The SMTP server account mail goes through ({@code smtp.*} settings).
 *
 * @param host server host ({@code smtp.host})
 * @param port server port ({@code smtp.port}; default 587 with STARTTLS, 465 with TLS, 25 without)
 * @param security {@code starttls} (required), {@code tls} (implicit TLS) or {@code none} ({@code smtp.security}, default starttls)
 * @param user login user, or null for none ({@code smtp.user})
 * @param password login password ({@code smtp.password}); never shown
 * @param from the sender address ({@code smtp.from})
 */
public record SmtpSettings(String host, int port, String security, String user, String password, String from) {
    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new ConfigException("setting 'smtp.host' must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("setting 'smtp.port' must be within 1..65535, got " + port);
        }
        security = security == null ? "starttls" : security.strip().toLowerCase(Locale.ROOT);
        if (!security.equals("starttls") && !security.equals("tls") && !security.equals("none")) {
            throw new ConfigException("setting 'smtp.security' must be starttls, tls or none, got '" + security + "'");
        }
        if (from == null || !from.contains("@")) {
            throw new ConfigException("setting 'smtp.from' must be an email address");
        }
        if (user != null && password == null) {
            throw new ConfigException("setting 'smtp.password' is required with 'smtp.user'");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user
            + ", password=" + (password == null ? "none" : "(hidden)") + ", from=" + from + "]";
    }
}
