package io.edgecoder.portal.wallet;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Lightning address (LUD-16): {@code user@domain}, resolved by a wallet through
 * {@code https://domain/.well-known/lnurlp/user}. Checked for shape only (nothing is fetched
 * here): a user name of {@code a-z 0-9 - _ . +}, a DNS host name of at least two labels (no IP
 * address, no port), 254 characters in all; compared and stored in lower case.
 *
 * @param address the address in lower case
 */
public record LightningAddress(String address) {
    public static final int MAX_LENGTH = 254;
    private static final Pattern USER = Pattern.compile("[a-z0-9._+-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static LightningAddress parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw invalid("1.." + MAX_LENGTH + " characters of the form user@domain");
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        int at = lower.indexOf('@');
        if (at < 0 || at != lower.lastIndexOf('@')) {
            throw invalid("exactly one '@' between the user name and the domain");
        }
        String user = lower.substring(0, at);
        if (!USER.matcher(user).matches()) {
            throw invalid("the user name must be 1..64 of a-z, 0-9, '-', '_', '.', '+'");
        }
        checkDomain(lower.substring(at + 1));
        return new LightningAddress(lower);
    }

    private static void checkDomain(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || domain.length() > 253) {
            throw invalid("the domain must be a host name such as wallet.example (at least two labels)");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid("the domain label '" + clip(label) + "' is not a host name label (a-z, 0-9, inner '-', 1..63)");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw invalid("the domain must be a host name, not an IP address");
        }
    }

    private static String clip(String s) {
        return s.length() <= 20 ? s : s.substring(0, 17) + "...";
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("address: not a valid lightning address: " + why);
    }

    @Override
    public String toString() {
        return address;
    }
}
