package io.edgecoder.core.address;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Event-bus addresses the portal republishes to for browsers, and the SockJS bridge's allow-lists.
 * A portal node publishes these <em>local only</em>: each node relays to the browsers connected to
 * it, so an event reaches a browser once whichever node it is connected to, and only portal nodes
 * may use the prefix from other nodes ({@link io.edgecoder.core.trust.BusPolicy}).
 */
public final class PortalAddresses {
    /** Prefix of every address a browser may hear. */
    public static final String BROWSER_PREFIX = "edgecoder.portal.browser.";
    /**
     * Publish (local only) {@code JobEvent} on {@code edgecoder.portal.browser.user.<account>.jobs}: the
     * job and subtask state changes of that account's jobs only (the portal checked the requester).
     */
    public static final String USER_JOBS_PREFIX = BROWSER_PREFIX + "user.";
    /**
     * Publish (local only) {@code DashboardSample}: the operations dashboard's figures, every few
     * seconds; a browser may listen only if its account is a coordinator-owner or a system-admin.
     */
    public static final String DASHBOARD = BROWSER_PREFIX + "dashboard";
    /** Addresses a browser may send or publish to through the SockJS bridge: none (the pages use HTTP for actions). */
    public static final Set<String> BROWSER_INBOUND = Set.of();
    /** The shape of an account's job-event address (an account id is letters, digits, '_' and '-'). */
    public static final Pattern USER_JOBS = Pattern.compile(Pattern.quote(USER_JOBS_PREFIX) + "([A-Za-z0-9_-]{1,100})\\.jobs");

    /**
     * Prefix of the addresses an IDE endpoint consumes streamed {@code ChatChunk}s on (send, from the
     * inference role that serves the call; {@code ChatRequest.streamTo}). Only inference nodes may send
     * there from another node ({@link io.edgecoder.core.trust.BusPolicy}).
     */
    public static final String IDE_STREAM_PREFIX = "edgecoder.portal.ide.stream.";

    private PortalAddresses() {
    }

    /** The chunk address of one IDE endpoint instance, named by a random id of its own (letters, digits, '-'). */
    public static String ideStream(String instanceId) {
        if (instanceId == null || !instanceId.matches("[A-Za-z0-9-]{1,100}")) {
            throw new IllegalArgumentException("IDE stream id not allowed in an address: " + instanceId);
        }
        return IDE_STREAM_PREFIX + instanceId;
    }

    /** The address of {@code account}'s job events; fails on an account id the pattern does not allow. */
    public static String userJobs(String account) {
        String address = USER_JOBS_PREFIX + account + ".jobs";
        if (!USER_JOBS.matcher(address).matches()) {
            throw new IllegalArgumentException("account id not allowed in an address: " + account);
        }
        return address;
    }
}
