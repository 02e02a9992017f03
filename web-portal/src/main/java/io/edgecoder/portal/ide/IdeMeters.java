package io.edgecoder.portal.ide;

/** Names of the IDE endpoint's meters. */
public final class IdeMeters {
    /** Counter of IDE requests refused for a missing or wrong token (or a scope that does not allow the call). */
    public static final String AUTH_FAILURES = "edgecoder.ide.auth.failures";
    /** Gauge of chat calls held now. */
    public static final String IN_FLIGHT = "edgecoder.ide.in.flight";

    private IdeMeters() {
    }
}
