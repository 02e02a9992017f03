package io.edgecoder.portal.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.edgecoder.core.Json;
import io.edgecoder.core.MeshException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Reads JSON request bodies field by field, so a missing field or a wrong JSON type is a 400
 * naming the field ({@code creditsMilli: must be an integer, got a string}); a body that is not
 * one JSON object is {@code body: ...}. Unknown fields are ignored; JSON null counts as absent.
 * Used by the economy routes and by {@link JobRequestParser}.
 */
final class BodyFields {
    private static final ObjectReader READER = Json.MAPPER.reader()
        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private BodyFields() {
    }

    /** The body read by {@link LimitedBody}, as one JSON object. */
    static JsonNode object(RoutingContext ctx) {
        return object(LimitedBody.text(LimitedBody.of(ctx)));
    }

    /** {@code body} as one JSON object: no duplicate fields, nothing after it. */
    static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw MeshException.badRequest("body: a JSON object is required");
        }
        JsonNode json;
        try {
            json = READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw MeshException.badRequest("body: malformed JSON (" + clip(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw MeshException.badRequest("body: unreadable JSON");
        }
        if (json == null || !json.isObject()) {
            throw MeshException.badRequest("body: must be a JSON object");
        }
        return json;
    }

    /** A string field; null when absent and not required. */
    static String text(JsonNode json, String name, boolean required) {
        JsonNode node = typed(json, name, required, JsonNode::isTextual, "a string");
        return node == null ? null : node.textValue();
    }

    /** An optional boolean field; null when absent. */
    static Boolean bool(JsonNode json, String name) {
        JsonNode node = typed(json, name, false, JsonNode::isBoolean, "true or false");
        return node == null ? null : node.booleanValue();
    }

    /** A required integer field within {@code min..max}. */
    static long integer(JsonNode json, String name, long min, long max) {
        JsonNode node = typed(json, name, true, JsonNode::isIntegralNumber, "an integer");
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw outOfRange(name, min, max, node);
        }
        return node.longValue();
    }

    /** A required object field, converted to {@code type} with the shared mapper. */
    static <T> T object(JsonNode json, String name, Class<T> type, String shape) {
        JsonNode node = typed(json, name, true, JsonNode::isObject, shape);
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw MeshException.badRequest(name + ": must be " + shape + " (a field has the wrong type)");
        }
    }

    /**
     * The field's node when present and of the JSON type {@code ok} accepts, else a 400
     * {@code <name>: must be <expected>, got <kind>}; null when absent and not required.
     */
    static JsonNode typed(JsonNode json, String name, boolean required, Predicate<JsonNode> ok, String expected) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw MeshException.badRequest(name + ": required");
            }
            return null;
        }
        if (!ok.test(node)) {
            throw MeshException.badRequest(name + ": must be " + expected + ", got " + kind(node));
        }
        return node;
    }

    static MeshException outOfRange(String name, long min, long max, JsonNode got) {
        return MeshException.badRequest(name + ": must be within " + min + ".." + max + ", got " + clip(got.asText()));
    }

    /** The JSON type of {@code node} as a message says it: "a string", "a list", ... */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "an unsupported value";
        };
    }

    /** Client text made safe for a message: control characters replaced, at most 120 characters. */
    static String clip(String s) {
        String text = String.valueOf(s).replaceAll("\\p{Cntrl}", "?");
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
