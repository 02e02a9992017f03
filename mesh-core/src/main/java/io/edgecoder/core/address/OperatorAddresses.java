package io.edgecoder.core.address;

import io.edgecoder.core.Role;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the operator bridge (TCP, {@link #DEFAULT_PORT}, docs/cli.md) lets an authenticated
 * operator reach: the explicit allow-lists of requests and of event addresses. Nothing else
 * passes: no ledger writes, no worker or coordinator-internal addresses. Every request the bridge
 * forwards carries the operator in its {@code actor} field, set by the bridge (as a name, or as an
 * {@code Actor} record for the addresses of {@link #ACTOR_RECORD}), so the control role's audit
 * names who acted and owner-filtered reads see everything. Whoever adds an operator command adds its address here.
 */
public final class OperatorAddresses {
    /** Default port of the operator bridge, bound to 127.0.0.1 unless configured. */
    public static final int DEFAULT_PORT = 4312;

    /** Requests an operator may make (request/reply). */
    public static final Set<String> REQUESTS = Stream.concat(Stream.of(
            ControlAddresses.NODE_LIST,
            ControlAddresses.NODE_APPROVE,
            ControlAddresses.NODE_REJECT,
            ControlAddresses.NODE_REVOKE,
            ControlAddresses.REVOCATION_LIST,
            ControlAddresses.NODE_WITHDRAW,
            ControlAddresses.NODE_REENROLL,
            ControlAddresses.STATUS,
            ControlAddresses.POLICY_GET,
            ControlAddresses.MODE_GET,
            ControlAddresses.MODE_LIST,
            ControlAddresses.MODE_SET,
            ControlAddresses.BLACKLIST_ADD,
            ControlAddresses.BLACKLIST_REMOVE,
            ControlAddresses.BLACKLIST_LIST,
            ControlAddresses.ROLLOUT_START,
            ControlAddresses.ROLLOUT_PAUSE,
            ControlAddresses.ROLLOUT_RESUME,
            ControlAddresses.ROLLOUT_ROLLBACK,
            ControlAddresses.ROLLOUT_STATUS,
            ControlAddresses.AUDIT_TAIL,
            ControlAddresses.AUDIT_VERIFY,
            CoordinatorAddresses.JOB_LIST,
            CoordinatorAddresses.JOB_GET,
            CoordinatorAddresses.JOB_CANCEL,
            CoordinatorAddresses.WORKER_LIST,
            LedgerAddresses.BALANCE_LIST,
            LedgerAddresses.CHAIN_VERIFY),
        Arrays.stream(Role.values()).map(NodeAddresses::roleHealth))
        .collect(Collectors.toUnmodifiableSet());

    /**
     * Requests whose {@code actor} is an {@code Actor} record ({@code {"account", "admin"}}: reads and
     * cancellations filtered by owner); the others name the operator as a string. The bridge sets
     * either to the authenticated operator, who is an admin of the deployment.
     */
    public static final Set<String> ACTOR_RECORD = Set.of(
        CoordinatorAddresses.JOB_LIST,
        CoordinatorAddresses.JOB_GET,
        CoordinatorAddresses.JOB_CANCEL,
        LedgerAddresses.BALANCE_LIST);

    /** Publish addresses an operator may watch (the bridge relays their events). */
    public static final Set<String> EVENTS = Set.of(
        CoordinatorAddresses.JOB_EVENTS,
        ControlAddresses.REVOCATION_EVENTS,
        ControlAddresses.POLICY_EVENTS);

    private OperatorAddresses() {
    }
}
