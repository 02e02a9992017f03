package io.edgecoder.ledger;

/**
 * Account names and kinds. Per-party accounts are {@code <kind>:<id>}: {@code user:alice},
 * {@code node:n1f2…}, {@code coordinator:n3a…}, {@code hold:<jobId>} (a job's escrowed budget).
 * System accounts are bare: {@code reserve}, {@code fees}, {@code coordinators} (the
 * coordinators' issuance pool), and the two sources that may go negative, {@code issuance}
 * (new credits from issuance windows) and {@code mint} (credits bought with payments).
 * Names are 1..200 printable ASCII characters without spaces.
 */
public final class Accounts {
    public static final String USER = "user:";
    public static final String NODE = "node:";
    public static final String COORDINATOR = "coordinator:";
    public static final String HOLD = "hold:";
    /** Earnings of a blacklisted node, held for an operator's review instead of paid: {@code review:<node id>}. */
    public static final String REVIEW = "review:";
    /** A chat call's escrow until it is settled: {@code call:<requestId>} (docs/inference.md, "Settlement"). */
    public static final String CALL = "call:";
    /** A routing node's standing allowance of one account for model calls: {@code allowance:<id>} (a system account: never below zero). */
    public static final String ALLOWANCE = "allowance:";
    public static final String RESERVE = "reserve";
    public static final String FEES = "fees";
    public static final String COORDINATORS = "coordinators";
    public static final String ISSUANCE = "issuance";
    public static final String MINT = "mint";

    /** The kind of an account, which decides its default credit line. */
    public enum Kind {
        USER, NODE, COORDINATOR, HOLD, SYSTEM, SOURCE
    }

    private Accounts() {
    }

    public static String user(String id) {
        return USER + id;
    }

    public static String node(String id) {
        return NODE + id;
    }

    public static String review(String nodeId) {
        return REVIEW + nodeId;
    }

    public static String call(String callId) {
        return CALL + callId;
    }

    public static String allowance(String allowanceId) {
        return ALLOWANCE + allowanceId;
    }

    public static String hold(String jobId) {
        return HOLD + jobId;
    }

    public static Kind kindOf(String account) {
        if (account.startsWith(USER)) {
            return Kind.USER;
        }
        if (account.startsWith(NODE)) {
            return Kind.NODE;
        }
        if (account.startsWith(COORDINATOR)) {
            return Kind.COORDINATOR;
        }
        if (account.startsWith(HOLD)) {
            return Kind.HOLD;
        }
        return account.equals(ISSUANCE) || account.equals(MINT) ? Kind.SOURCE : Kind.SYSTEM;
    }

    /** Whether {@code id} may be used as the id part of an account name. */
    public static boolean validId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 190 && id.chars().allMatch(c -> c > 32 && c < 127);
    }

    public static void requireValid(String account) {
        if (account == null || account.isEmpty() || account.length() > 200
            || !account.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("invalid account name '" + account + "'");
        }
    }
}
