package io.edgecoder.portal.accounts;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The texts of account mail. Links point at the portal's public URL; the pages that open them
 * post the token to the API ({@code POST /api/v1/accounts/verify},
 * {@code POST /api/v1/password-resets/confirm}).
 */
final class AccountMail {
    record Message(String subject, String body) {
        @Override
        public String toString() {
            return "Message[" + subject + "]";
        }
    }

    private final Supplier<String> publicUrl;

    AccountMail(Supplier<String> publicUrl) {
        this.publicUrl = publicUrl;
    }

    Message verify(String token, Duration valid) {
        return new Message("Confirm your EdgeCoder account", "Someone (hopefully you) signed up for EdgeCoder with this address.\n\n"
            + "To confirm it, open this link within " + hours(valid) + ":\n\n  " + publicUrl.get() + "/verify-email#token=" + token
            + "\n\n(or send {\"token\": \"" + token + "\"} to POST /api/v1/accounts/verify).\n\n"
            + "If it was not you, ignore this mail: no account is created without the link.\n");
    }

    Message alreadyRegistered() {
        return new Message("Your EdgeCoder account", "Someone (hopefully you) tried to sign up for EdgeCoder with this address,"
            + " but it already has an account.\n\nSign in at " + publicUrl.get() + ", or reset your password there if you forgot it.\n\n"
            + "If it was not you, ignore this mail: nothing has changed.\n");
    }

    Message reset(String token, Duration valid) {
        return new Message("Reset your EdgeCoder password", "Someone (hopefully you) asked to reset the password of your EdgeCoder"
            + " account.\n\nTo choose a new one, open this link within " + hours(valid) + ":\n\n  " + publicUrl.get()
            + "/reset-password#token=" + token + "\n\n(or send {\"token\": \"" + token + "\", \"password\": \"...\"} to"
            + " POST /api/v1/password-resets/confirm).\n\nIf it was not you, ignore this mail: your password is unchanged.\n");
    }

    Message invitation(String token, Duration valid) {
        return new Message("Your EdgeCoder account is ready", "An administrator created an EdgeCoder account for this address.\n\n"
            + "To choose your password, open this link within " + hours(valid) + ":\n\n  " + publicUrl.get()
            + "/reset-password#token=" + token + "\n\n(or send {\"token\": \"" + token + "\", \"password\": \"...\"} to"
            + " POST /api/v1/password-resets/confirm).\n");
    }

    Message passwordChanged() {
        return new Message("Your EdgeCoder password was changed", "The password of your EdgeCoder account was just changed and every"
            + " session was signed out.\n\nIf it was not you, reset your password at " + publicUrl.get() + " at once and tell your"
            + " administrator.\n");
    }

    private static String hours(Duration d) {
        long h = d.toHours();
        return h >= 48 ? (h / 24) + " days" : h + (h == 1 ? " hour" : " hours");
    }
}
