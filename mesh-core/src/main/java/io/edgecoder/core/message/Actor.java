package io.edgecoder.core.message;

/**
 * The person a request acts for, as the portal authenticated them: the owning role filters its
 * answer by it ({@link io.edgecoder.core.Ownership}), so a route that forgets a check cannot show
 * one person's jobs or credits to another. Carried at the end of read and cancel requests.
 *
 * @param account the account name ({@code admin} for the bootstrap admin token)
 * @param admin whether the person may see and act on everything (system-admin)
 */
public record Actor(String account, boolean admin) {
    /** The account of the deployment's operator (the admin token, the operator CLI). */
    public static final String OPERATOR_ACCOUNT = "admin";

    public Actor {
        if (account == null || account.isBlank() || account.length() > 200) {
            throw new IllegalArgumentException("actor account is required (1..200 characters)");
        }
    }

    /** The operator, for requests from trusted code (the operator CLI, tests) that act for no particular person. */
    public static Actor operator() {
        return new Actor(OPERATOR_ACCOUNT, true);
    }

    /** A person without admin rights. */
    public static Actor user(String account) {
        return new Actor(account, false);
    }
}
