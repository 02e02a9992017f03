package io.edgecoder.app.ctl;

/**
 * A failure of a {@code ctl} command, with the exit status it ends in: {@link #OTHER} 1,
 * {@link #USAGE} 2, {@link #UNREACHABLE} 3 (no node at the address, or the role serving the
 * command not running or not answering), {@link #AUTH} 4 (token or certificate refused, or the
 * operator may not do this), {@link #NOT_FOUND} 5 (unknown node, job, ...). The message is shown
 * to the operator as it is.
 */
public final class CtlException extends RuntimeException {
    public static final int OK = 0;
    public static final int OTHER = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int AUTH = 4;
    public static final int NOT_FOUND = 5;

    private final int exitCode;

    public CtlException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The failure a node answered with (an HTTP-range code and its safe message). */
    public static CtlException fromStatus(int status, String message) {
        int exit = switch (status) {
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 503, 504 -> UNREACHABLE;
            case 400 -> USAGE;
            default -> OTHER;
        };
        return new CtlException(exit, message == null ? "failed with code " + status : message + " (code " + status + ")");
    }
}
