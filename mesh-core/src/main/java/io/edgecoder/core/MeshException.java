package io.edgecoder.core;

/**
 * A failure with a stable {@link ErrorCode} and a message that is safe to show to the caller
 * (no secrets, no stack traces). Thrown and failed-with everywhere a caller should see the
 * reason; anything else is reported as {@link ErrorCode#INTERNAL}.
 */
public final class MeshException extends RuntimeException {
    private final ErrorCode code;

    public MeshException(ErrorCode code, String safeMessage) {
        super(safeMessage, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
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
