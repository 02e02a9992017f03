package io.edgecoder.core.trust;

import static io.edgecoder.core.Role.CONTROL;
import static io.edgecoder.core.Role.COORDINATOR;
import static io.edgecoder.core.Role.INFERENCE;
import static io.edgecoder.core.Role.LEDGER;
import static io.edgecoder.core.Role.PORTAL;
import static io.edgecoder.core.Role.WORKER;

import io.edgecoder.core.Role;
import io.edgecoder.core.address.AccountAddresses;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which senders may reach which addresses: the one table every node enforces on messages that
 * arrive from other nodes (see {@link BusAuth}). A listed address accepts only the roles listed;
 * an unlisted address accepts any core node (reads such as prices and proofs). Edge nodes may use
 * only {@link #EDGE_INBOUND}. Whoever adds a state-changing address adds it here.
 */
public final class BusPolicy {
    /** Addresses an edge node may send or publish to through a bridge. */
    public static final Set<String> EDGE_INBOUND = Set.of(CoordinatorAddresses.WORKER_HEARTBEAT);

    private static final Map<String, Set<Role>> EXACT = Map.ofEntries(
        Map.entry(CoordinatorAddresses.JOB_SUBMIT, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(CoordinatorAddresses.JOB_GET, EnumSet.of(PORTAL, CONTROL, COORDINATOR)),
        Map.entry(CoordinatorAddresses.JOB_LIST, EnumSet.of(PORTAL, CONTROL, COORDINATOR)),
        Map.entry(CoordinatorAddresses.JOB_CANCEL, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(CoordinatorAddresses.JOB_CANCELLED, EnumSet.of(COORDINATOR)),
        Map.entry(WorkerAddresses.JOB_CANCEL, EnumSet.of(COORDINATOR)),
        Map.entry(CoordinatorAddresses.WORKER_HEARTBEAT, EnumSet.of(WORKER)),
        Map.entry(CoordinatorAddresses.WORKER_HEARTBEATS, EnumSet.of(WORKER)),
        Map.entry(CoordinatorAddresses.JOB_EVENTS, EnumSet.of(COORDINATOR)),
        Map.entry(InferenceAddresses.PLAN_CREATE, EnumSet.of(COORDINATOR)),
        Map.entry(InferenceAddresses.HEARTBEAT, EnumSet.of(INFERENCE)),
        Map.entry(WorkerAddresses.SUBSET_CHECK, EnumSet.of(COORDINATOR)),
        Map.entry(LedgerAddresses.JOB_SETTLE, EnumSet.of(COORDINATOR)),
        Map.entry(LedgerAddresses.BALANCE_LIST, EnumSet.of(PORTAL, CONTROL, COORDINATOR)),
        Map.entry(LedgerAddresses.CHAIN_VERIFY, EnumSet.of(PORTAL, CONTROL, LEDGER)),
        // Inference settlement: only inference roles escrow and report model calls (docs/inference.md, "Settlement").
        Map.entry(LedgerAddresses.INFERENCE_AUTHORIZE, EnumSet.of(INFERENCE)),
        Map.entry(LedgerAddresses.INFERENCE_SETTLE, EnumSet.of(INFERENCE)),
        Map.entry(LedgerAddresses.INFERENCE_ALLOWANCE_GRANT, EnumSet.of(INFERENCE)),
        Map.entry(LedgerAddresses.INFERENCE_ALLOWANCE_CLOSE, EnumSet.of(INFERENCE)),
        Map.entry(EconomyAddresses.JOB_HOLD, EnumSet.of(COORDINATOR)),
        Map.entry(EconomyAddresses.LOAD_REPORT, EnumSet.of(COORDINATOR)),
        Map.entry(EconomyAddresses.ACCOUNT_HISTORY, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(EconomyAddresses.QUOTE_CREATE, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(EconomyAddresses.INTENT_CREATE, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(EconomyAddresses.INTENT_SETTLE, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(EconomyAddresses.INTENT_GET, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(EconomyAddresses.ANCHOR_SUBMIT, EnumSet.of(PORTAL, CONTROL, LEDGER)),
        Map.entry(EconomyAddresses.ANCHOR_PROVE, EnumSet.of(PORTAL, CONTROL, LEDGER)),
        // Admin actions arrive through a portal (or a control node) acting for an authenticated admin.
        Map.entry(ControlAddresses.TOKEN_CREATE, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.NODE_LIST, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.NODE_APPROVE, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.NODE_REJECT, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.NODE_REVOKE, EnumSet.of(PORTAL, CONTROL)),
        // A new node has no certificate yet: the portal forwards its proven requests.
        Map.entry(ControlAddresses.NODE_ENROLL, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.NODE_STATUS, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.REVOCATION_EVENTS, EnumSet.of(CONTROL)),
        // Portal nodes tell each other which cached sessions and tokens ended.
        Map.entry(AccountAddresses.CREDENTIALS_REVOKED, EnumSet.of(PORTAL)),
        // Policy (issue 10): operators act through a portal or control node (the CLI's bridge runs on one);
        // reads are operator-only too, because they show who barred whom and why.
        Map.entry(ControlAddresses.STATUS, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.NODE_WITHDRAW, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.NODE_REENROLL, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.MODE_GET, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.MODE_LIST, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.MODE_SET, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.BLACKLIST_ADD, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.BLACKLIST_REMOVE, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.BLACKLIST_LIST, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.ROLLOUT_START, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.ROLLOUT_PAUSE, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.ROLLOUT_RESUME, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.ROLLOUT_ROLLBACK, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.ROLLOUT_STATUS, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.AUDIT_TAIL, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.AUDIT_VERIFY, EnumSet.of(PORTAL, CONTROL)),
        Map.entry(ControlAddresses.POLICY_EVENTS, EnumSet.of(CONTROL)));
    // Unlisted on purpose: CERT_RENEW (any core node, for itself only: the control role checks the
    // caller's node id), REVOCATION_LIST and POLICY_GET (any core node), POLICY_ACKS (any core node, for
    // itself only: the control role drops an acknowledgement whose node id is not the caller's).

    private static final Map<String, Set<Role>> PREFIXES = Map.of(
        WorkerAddresses.RUN_PREFIX, EnumSet.of(COORDINATOR),
        WorkerAddresses.RUN_BATCH_PREFIX, EnumSet.of(COORDINATOR),
        // Batched results come only from worker nodes; the coordinator also checks each came from the node it sent the run to.
        CoordinatorAddresses.RESULTS_PREFIX, EnumSet.of(WORKER),
        // Routing inference roles hand a chat to the serving node; nobody else calls a node's providers directly.
        InferenceAddresses.SERVE_PREFIX, EnumSet.of(INFERENCE),
        // A local-only job's plan, asked of its organisation's inference roles: coordinators only, like PLAN_CREATE.
        InferenceAddresses.PLAN_ORG_PREFIX, EnumSet.of(COORDINATOR),
        WorkerAddresses.AGENT_PREFIX, EnumSet.of(COORDINATOR),
        CoordinatorAddresses.AGENT_STEP_PREFIX, EnumSet.of(WORKER),
        // Browser relays are published local only; nothing from another node but a portal may use them.
        PortalAddresses.BROWSER_PREFIX, EnumSet.of(PORTAL),
        // Streamed chat chunks for an IDE endpoint come only from the inference node serving the call.
        PortalAddresses.IDE_STREAM_PREFIX, EnumSet.of(Role.INFERENCE));

    private BusPolicy() {
    }

    /** Empty when {@code caller} may send to {@code address}; otherwise the reason, safe to show. */
    public static Optional<String> refusal(String address, Caller caller) {
        if (caller.edge() && !EDGE_INBOUND.contains(address)) {
            return Optional.of("edge node " + caller.nodeId() + " may not use " + address);
        }
        Set<Role> allowed = allowed(address);
        if (allowed == null || caller.hasAny(allowed)) {
            return Optional.empty();
        }
        return Optional.of("node " + caller.nodeId() + " (roles " + caller.roles() + ") may not use " + address
            + " (needs one of " + allowed + ")");
    }

    /** The roles an address accepts, or null when any core node may use it. */
    public static Set<Role> allowed(String address) {
        Set<Role> exact = EXACT.get(address);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Set<Role>> prefix : PREFIXES.entrySet()) {
            if (address.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return null;
    }
}
