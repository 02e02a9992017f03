package io.edgecoder.portal.accounts;

import io.edgecoder.core.MeshException;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses as accounts key them. Normalisation: surrounding spaces removed, NFC, the
 * whole address lower-cased (nobody expects {@code Ann@x} and {@code ann@x} to be two people), an
 * internationalised domain converted to its ASCII (punycode) form. Accepted: at most
 * {@value #MAX_LENGTH} characters, a local part of printable ASCII without spaces (dot-atom, at
 * most 64), a domain of at least two labels. Anything else (control or invisible characters,
 * quoted local parts, IP literals) is a 400 naming the field.
 */
public final class Emails {
    public static final int MAX_LENGTH = 254;
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Emails() {
    }

    /** The normalised address, or a 400 {@code <field>: ...}. */
    public static String normalise(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw MeshException.badRequest(field + ": required");
        }
        if (raw.length() > MAX_LENGTH * 2) {
            throw MeshException.badRequest(field + ": longer than " + MAX_LENGTH + " characters");
        }
        String email = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            throw MeshException.badRequest(field + ": must be an address such as name@example.org");
        }
        String local = email.substring(0, at);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw MeshException.badRequest(field + ": the part before @ must be at most 64 letters, digits or . ! # $ % & ' * + / = ? ^ _ ` { | } ~ -");
        }
        String normalised = local + "@" + domain(email.substring(at + 1), field);
        if (normalised.length() > MAX_LENGTH) {
            throw MeshException.badRequest(field + ": longer than " + MAX_LENGTH + " characters");
        }
        return normalised;
    }

    private static String domain(String domain, String field) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest(field + ": the domain is not a valid host name");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || ascii.length() > 253) {
            throw MeshException.badRequest(field + ": the domain must have at least two labels, such as example.org");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw MeshException.badRequest(field + ": the domain is not a valid host name");
            }
        }
        return ascii;
    }
}
