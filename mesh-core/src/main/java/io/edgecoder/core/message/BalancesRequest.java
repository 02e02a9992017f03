package io.edgecoder.core.message;

/**
 * Asks for account balances as {@code actor} may see them: a person sees only their own
 * account ({@code user:<account>}); an admin sees every account, or only {@code account} when set.
 */
public record BalancesRequest(Actor actor, String account) {
    /** Every balance, for the operator (trusted code: the operator CLI, tests). */
    public BalancesRequest() {
        this(Actor.operator(), null);
    }
}
