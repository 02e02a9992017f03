package io.edgecoder.portal.ide;

import io.edgecoder.core.MeshException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Typed reads of JSON request fields: a wrong type or value is a 400 whose message starts with
 * the field's name, never a {@code ClassCastException}.
 */
final class Fields {
    static final int MAX_MODEL_CHARS = 200;
    static final int MAX_MESSAGES = 10_000;
    static final int MAX_TOKENS = 1_000_000;

    private Fields() {
    }

    /** The body as one JSON object, or 400 {@code body: ...}. */
    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw MeshException.badRequest("body: a JSON object is required");
        }
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(body);
        } catch (DecodeException e) {
            throw MeshException.badRequest("body: malformed JSON (" + clip(e.getMessage(), 200) + ")");
        }
        if (!(parsed instanceof JsonObject json)) {
            throw MeshException.badRequest("body: must be a JSON object");
        }
        return json;
    }

    static String model(JsonObject body) {
        Object value = body.getValue("model");
        if (!(value instanceof String model) || model.isBlank()) {
            throw MeshException.badRequest("model: a model name is required (see the model list)");
        }
        if (model.length() > MAX_MODEL_CHARS || model.chars().anyMatch(Character::isISOControl)) {
            throw MeshException.badRequest("model: at most " + MAX_MODEL_CHARS + " characters without control characters");
        }
        return model;
    }

    static String string(JsonObject body, String field, boolean required) {
        Object value = body.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw MeshException.badRequest(field + ": " + (value == null ? "required" : "must be a string, got " + type(value)));
        }
        return text;
    }

    static JsonArray array(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw MeshException.badRequest(field + ": " + (value == null ? "required" : value instanceof JsonArray
                ? "must not be empty" : "must be an array, got " + type(value)));
        }
        if (array.size() > MAX_MESSAGES) {
            throw MeshException.badRequest(field + ": at most " + MAX_MESSAGES + " entries, got " + array.size());
        }
        return array;
    }

    static JsonObject objectAt(JsonArray array, int i, String field) {
        Object value = array.getValue(i);
        if (!(value instanceof JsonObject object)) {
            throw MeshException.badRequest(field + "[" + i + "]: must be an object, got " + type(value));
        }
        return object;
    }

    static boolean bool(JsonObject body, String field, boolean fallback) {
        Object value = body.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw MeshException.badRequest(field + ": must be true or false, got " + type(value));
        }
        return b;
    }

    /** A token bound: null when absent (or, with {@code unboundedBelow}, when it is below 1: Ollama's -1 and -2). */
    static Integer maxTokens(JsonObject body, String field, boolean unboundedBelow) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw MeshException.badRequest(field + ": must be an integer, got " + type(value));
        }
        long v = n.longValue();
        if (unboundedBelow && v < 1) {
            return null;
        }
        if (v < 1 || v > MAX_TOKENS) {
            throw MeshException.badRequest(field + ": must be within 1.." + MAX_TOKENS + ", got " + v);
        }
        return (int) v;
    }

    static Double number(JsonObject body, String field, double min, double max) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw MeshException.badRequest(field + ": must be a number, got " + type(value));
        }
        double v = n.doubleValue();
        if (v < min || v > max) {
            throw MeshException.badRequest(field + ": must be within " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    static String type(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value instanceof JsonArray ? "an array" : "an object";
    }

    static String clip(String text, int max) {
        String t = String.valueOf(text).replaceAll("\\p{Cntrl}", "?");
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }
}
