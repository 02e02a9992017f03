package io.edgecoder.portal.accounts;

import io.edgecoder.core.MeshException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be: {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters (after
 * NFC normalisation, counted as code points), no control characters, not one of the most common
 * passwords ({@code accounts/common-passwords.txt}, compared case-insensitively), not the email
 * address or its part before @, and not one character repeated. No composition rules (they push
 * people to predictable patterns; length and the list do the work).
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;
    static final String LIST = "accounts/common-passwords.txt";
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** The password as it is hashed (NFC); a 400 {@code password: ...} when it is not acceptable. */
    public static String check(String password, String email) {
        String pw = normalise(password);
        int length = pw.codePointCount(0, pw.length());
        if (length < MIN_LENGTH) {
            throw MeshException.badRequest("password: must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw MeshException.badRequest("password: must be at most " + MAX_LENGTH + " characters");
        }
        if (pw.codePoints().anyMatch(Character::isISOControl)) {
            throw MeshException.badRequest("password: must not contain control characters");
        }
        String lower = pw.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || pw.codePoints().distinct().count() == 1) {
            throw MeshException.badRequest("password: too common; choose a longer, less predictable one");
        }
        if (email != null && (lower.equals(email) || lower.equals(email.substring(0, Math.max(0, email.indexOf('@')))))) {
            throw MeshException.badRequest("password: must not be your email address");
        }
        return pw;
    }

    /** A presented password as it was hashed: NFC. Bounded: over 4 x the maximum is refused before any hashing. */
    public static String normalise(String password) {
        if (password == null || password.isEmpty()) {
            throw MeshException.badRequest("password: required");
        }
        if (password.length() > 4 * MAX_LENGTH) {
            throw MeshException.badRequest("password: must be at most " + MAX_LENGTH + " characters");
        }
        return Normalizer.normalize(password, Normalizer.Form.NFC);
    }

    static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + LIST);
            }
            Set<String> words = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> words.add(line.strip().toLowerCase(Locale.ROOT)));
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
