package io.edgecoder.core;

/**
 * A failure with a stable {@link ErrorCode} and a message that is safe to show to the caller
 * (no secrets, no stack traces). Thrown and failed-with everywhere a caller should see the
 * reason; anything else is reported as {@link ErrorCode#INTERNAL}.
 */
public final class MeshException extends RuntimeException {
    private final ErrorCode code;
    private final boolean noHandler;

    public MeshException(ErrorCode code, String safeMessage) {
        this(code, safeMessage, false);
    }

    private MeshException(ErrorCode code, String safeMessage, boolean noHandler) {
        super(safeMessage, null, false, false);
        this.code = code;
        this.noHandler = noHandler;
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * Whether the request failed because nothing consumes the address (the role is not
     * running anywhere in the cluster), as opposed to a consumer that failed or was too slow.
     */
    public boolean noHandler() {
        return noHandler;
    }

    /** The failure of a request to an address no node consumes. */
    public static MeshException noHandlerFor(String message) {
        return new MeshException(ErrorCode.UNAVAILABLE, message, true);
    }

    public static MeshException badRequest(String message) {
        return new MeshException(ErrorCode.BAD_REQUEST, message);
    }

    public static MeshException notFound(String message) {
        return new MeshException(ErrorCode.NOT_FOUND, message);
    }

    public static MeshException unavailable(String message) {
        return new MeshException(ErrorCode.UNAVAILABLE, message);
    }

    public static MeshException policy(String message) {
        return new MeshException(ErrorCode.POLICY_REJECTED, message);
    }
}
