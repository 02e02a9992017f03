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
import java.nio.charset.StandardCharsets;

/**
 * Reads the small JSON bodies of the economy routes field by field, so a missing field or a
 * wrong JSON type is a 400 naming the field ({@code creditsMilli: must be an integer, got a
 * string}); a body that is not one JSON object is {@code body: ...}. Unknown fields are ignored.
 */
final class BodyFields {
    private static final ObjectReader READER = Json.MAPPER.reader()
        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private BodyFields() {
    }

    /** The body read by {@link LimitedBody}, as one JSON object. */
    static JsonNode object(RoutingContext ctx) {
        String body = LimitedBody.of(ctx).toString(StandardCharsets.UTF_8);
        if (body.isBlank()) {
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
        JsonNode node = present(json, name, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw typeError(name, "a string", node);
        }
        return node.textValue();
    }

    /** A required integer field within {@code min..max}. */
    static long integer(JsonNode json, String name, long min, long max) {
        JsonNode node = present(json, name, true);
        if (!node.isIntegralNumber()) {
            throw typeError(name, "an integer", node);
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw MeshException.badRequest(name + ": must be within " + min + ".." + max + ", got " + clip(node.asText()));
        }
        return node.longValue();
    }

    /** A required object field, converted to {@code type} with the shared mapper. */
    static <T> T object(JsonNode json, String name, Class<T> type, String shape) {
        JsonNode node = present(json, name, true);
        if (!node.isObject()) {
            throw typeError(name, shape, node);
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw MeshException.badRequest(name + ": must be " + shape + " (a field has the wrong type)");
        }
    }

    private static JsonNode present(JsonNode json, String name, boolean required) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw MeshException.badRequest(name + ": required");
            }
            return null;
        }
        return node;
    }

    private static MeshException typeError(String field, String expected, JsonNode got) {
        String kind = switch (got.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> "an unsupported value";
        };
        return MeshException.badRequest(field + ": must be " + expected + ", got " + kind);
    }

    private static String clip(String s) {
        String text = String.valueOf(s).replaceAll("\\p{Cntrl}", "?");
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
