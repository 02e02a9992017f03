package io.edgecoder.core;

import io.edgecoder.core.message.Actor;

/**
 * Who may see and act on what: the one ownership policy, applied by the role that owns the data
 * (the coordinator for jobs, the ledger for balances and history) to the {@link Actor} a request
 * carries. A person owns the jobs they submitted and the ledger account {@code user:<account>};
 * an admin sees everything. Something a person may not see is answered as if it did not exist
 * (404), so nobody learns which job ids belong to others. A request without an actor sees nothing.
 */
public final class Ownership {
    /** Prefix of a person's ledger account. */
    public static final String LEDGER_USER_PREFIX = "user:";

    private Ownership() {
    }

    /** Whether {@code actor} may read or cancel a job submitted by {@code requester}. */
    public static boolean mayAccessJob(Actor actor, String requester) {
        return actor != null && (actor.admin() || actor.account().equals(requester));
    }

    /**
     * The requester whose jobs a listing may show: null for an admin (every job), the actor's own
     * account otherwise. Fails for a missing actor rather than showing everything.
     */
    public static String jobRequesterFilter(Actor actor) {
        if (actor == null) {
            throw new MeshException(ErrorCode.FORBIDDEN, "a job listing must say whom it is for");
        }
        return actor.admin() ? null : actor.account();
    }

    /** The ledger account that belongs to {@code account}: {@code user:<account>}. */
    public static String ledgerAccountOf(String account) {
        return LEDGER_USER_PREFIX + account;
    }

    /** Whether {@code actor} may read the balance and history of {@code ledgerAccount}. */
    public static boolean mayReadLedgerAccount(Actor actor, String ledgerAccount) {
        return actor != null && (actor.admin() || ledgerAccountOf(actor.account()).equals(ledgerAccount));
    }

    /**
     * Whether someone who owns organisation {@code ownerOrg} may manage (list, approve, reject,
     * revoke, issue enrollment tokens for) a node of {@code nodeOrg}; a null {@code ownerOrg}
     * stands for an admin, who manages every node.
     */
    public static boolean mayManageNode(String ownerOrg, String nodeOrg) {
        return ownerOrg == null || ownerOrg.equals(nodeOrg);
    }

    /** The answer for a job the actor may not see: the same 404 as for an unknown id. */
    public static MeshException jobNotFound(String id) {
        return MeshException.notFound("job " + id + " not found");
    }
}
