package io.edgecoder.inference.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.inference.ProviderConfig;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Maps what goes wrong talking to a provider onto stable codes with messages safe to show:
 * 404 model missing, 429 busy, 503 down or broken stream, 504 timeout, 400 refused input.
 */
final class ProviderErrors {
    private static final int MAX_DETAIL = 200;

    private ProviderErrors() {
    }

    /** The failure an HTTP error status of the provider stands for. */
    static MeshException status(ProviderConfig provider, String model, int status, String body) {
        String detail = detail(body);
        return switch (status) {
            case 404 -> MeshException.notFound("model '" + model + "' not found on provider " + provider.name() + detail);
            case 429, 503 -> new MeshException(ErrorCode.OVERLOADED, "provider " + provider.name() + " is busy" + detail);
            case 400, 413, 422 -> MeshException.badRequest("provider " + provider.name() + " refused the request" + detail);
            case 401, 403 -> MeshException.unavailable("provider " + provider.name() + " refused this node's credentials");
            case 408, 504 -> new MeshException(ErrorCode.TIMEOUT, "provider " + provider.name() + " timed out" + detail);
            default -> MeshException.unavailable("provider " + provider.name() + " failed with HTTP " + status + detail);
        };
    }

    /** The failure a transport problem stands for; {@code chunks} pieces had arrived already. */
    static MeshException transport(ProviderConfig provider, Throwable cause, long chunks) {
        if (cause instanceof MeshException mesh) {
            return mesh;
        }
        if (isTimeout(cause)) {
            return new MeshException(ErrorCode.TIMEOUT, "provider " + provider.name() + " sent nothing in time"
                + (chunks > 0 ? " (after " + chunks + " chunks)" : ""));
        }
        if (chunks > 0) {
            return cut(provider, chunks);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
            || cause.getClass().getSimpleName().contains("Connect")) {
            return MeshException.unavailable("provider " + provider.name() + " is down (cannot connect)");
        }
        if (cause instanceof java.net.SocketException) {
            // a pooled connection the provider dropped (stopped, restarted): "Connection reset", "Broken pipe"
            return MeshException.unavailable("provider " + provider.name() + " is down (the connection was reset before it answered)");
        }
        if (cause.getClass().getSimpleName().contains("Closed")) {
            return MeshException.unavailable("provider " + provider.name() + " is down (it closed the connection before answering)");
        }
        return MeshException.unavailable("provider " + provider.name() + " is unavailable (" + cause.getClass().getSimpleName() + ")");
    }

    /** The stream ended before the provider said it was done. */
    static MeshException cut(ProviderConfig provider, long chunks) {
        return MeshException.unavailable("the stream from provider " + provider.name() + " broke off after " + chunks + " chunks");
    }

    /** An error object the provider put into its stream or body. */
    static MeshException inStream(ProviderConfig provider, String message) {
        return MeshException.unavailable("provider " + provider.name() + " reported an error" + detail(message));
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    /** ": <message>" from an error body ({"error": "..."} or {"error": {"message": "..."}}), bounded and printable. */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.trim();
        try {
            JsonObject json = new JsonObject(text);
            Object error = json.getValue("error");
            if (error instanceof JsonObject nested) {
                text = nested.getString("message", nested.encode());
            } else if (error != null) {
                text = error.toString();
            } else if (json.containsKey("message")) {
                text = json.getString("message");
            }
        } catch (RuntimeException notJson) {
            // keep the text
        }
        text = text.replaceAll("[\\p{Cntrl}]", " ");
        return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text);
    }
}
