package io.edgecoder.portal.impl;

import io.edgecoder.core.MeshException;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads query parameters strictly: each at most once, numbers as plain decimal digits. Every
 * failure is a 400 whose message starts with the parameter's name.
 */
final class QueryParams {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private QueryParams() {
    }

    /** The one value of {@code name}, or null when absent. */
    static String single(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        if (values.size() > 1) {
            throw MeshException.badRequest(name + ": given more than once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** An integer within {@code min..max}, or null when absent. */
    static Long number(RoutingContext ctx, String name, long min, long max) {
        String raw = single(ctx, name);
        if (raw == null) {
            return null;
        }
        if (DIGITS.matcher(raw).matches()) {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw MeshException.badRequest(name + ": must be an integer within " + min + ".." + max);
    }

    /** Like {@link #number} but the parameter must be present. */
    static long requiredNumber(RoutingContext ctx, String name, long min, long max) {
        Long value = number(ctx, name, min, max);
        if (value == null) {
            throw MeshException.badRequest(name + ": required, an integer within " + min + ".." + max);
        }
        return value;
    }

    /** A page size within {@code 1..max}, or null when absent (the serving role's default). */
    static Integer limit(RoutingContext ctx, int max) {
        Long value = number(ctx, "limit", 1, max);
        return value == null ? null : value.intValue();
    }

    /** {@code true} or {@code false}; {@code fallback} when absent. */
    static boolean flag(RoutingContext ctx, String name, boolean fallback) {
        String raw = single(ctx, name);
        if (raw == null) {
            return fallback;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw MeshException.badRequest(name + ": must be true or false");
    }

    /** An ISO-8601 instant ({@code 2025-01-02T03:04:05Z}), or null when absent. */
    static Instant instant(RoutingContext ctx, String name) {
        String raw = single(ctx, name);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw MeshException.badRequest(name + ": must be an ISO-8601 instant such as 2025-01-02T03:04:05Z");
        }
    }
}
