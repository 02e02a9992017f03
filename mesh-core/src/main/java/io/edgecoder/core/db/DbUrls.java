package io.edgecoder.core.db;

import java.util.regex.Pattern;

/**
 * Database connection URIs in text meant for people: the password of {@code scheme://user:password@host}
 * is replaced by {@code ***}, so messages and logs that quote a URI (a configured {@code db.url},
 * an embedded database's URI, a driver's error) never show it.
 */
public final class DbUrls {
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)[^@/\\s]*@");

    private DbUrls() {
    }

    /** {@code text} with the password of every URI in it replaced by {@code ***}; null stays null. */
    public static String redact(String text) {
        return text == null ? null : USER_INFO_PASSWORD.matcher(text).replaceAll("$1***@");
    }
}
