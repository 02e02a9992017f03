package io.edgecoder.portal.live;

import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.portal.Caller;
import io.vertx.ext.bridge.BridgeEventType;
import java.util.Optional;

/**
 * Who may do what on the SockJS bridge, decided for every bridge event on top of the bridge's own
 * allow-lists: a browser may hear only its own account's job events, the dashboard only when it is
 * a coordinator-owner or system-admin, and may send or publish nothing at all.
 */
public final class BrowserAccess {
    public static final String OWNER_ROLE = "coordinator-owner";
    public static final String ADMIN_ROLE = "system-admin";

    private BrowserAccess() {
    }

    /** Empty when {@code caller} may do {@code type} on {@code address}; else the reason, safe to show. */
    public static Optional<String> refusal(BridgeEventType type, String address, Caller caller) {
        return switch (type) {
            case SOCKET_CREATED, SOCKET_CLOSED, SOCKET_IDLE, SOCKET_PING, SOCKET_ERROR, REGISTERED, UNREGISTER -> Optional.empty();
            case SEND, PUBLISH -> PortalAddresses.BROWSER_INBOUND.contains(address) ? Optional.empty()
                : Optional.of("a browser may not send to " + address);
            case REGISTER, RECEIVE -> mayHear(address, caller) ? Optional.empty()
                : Optional.of("account " + caller.account() + " may not listen on " + address);
        };
    }

    static boolean mayHear(String address, Caller caller) {
        if (address == null) {
            return false;
        }
        if (PortalAddresses.DASHBOARD.equals(address)) {
            return dashboard(caller);
        }
        return address.equals(ownJobs(caller));
    }

    /** Whether the caller may see the operations dashboard. */
    public static boolean dashboard(Caller caller) {
        return caller.admin() || caller.hasRole(OWNER_ROLE) || caller.hasRole(ADMIN_ROLE);
    }

    private static String ownJobs(Caller caller) {
        try {
            return PortalAddresses.userJobs(caller.account());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
