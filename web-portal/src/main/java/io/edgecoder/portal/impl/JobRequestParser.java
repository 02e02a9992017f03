package io.edgecoder.portal.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.Json;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.JobSubmitRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON body of {@code POST /api/v1/jobs} into a {@link JobSubmitRequest}, checking
 * JSON types field by field so a wrong type is reported as {@code <field>: ...} (the same form
 * {@link JobSpecs#validate} uses for wrong values). Unknown fields are ignored; a client-supplied
 * {@code requester} is ignored too (the portal sets it from the authenticated caller).
 */
public final class JobRequestParser {
    private static final ObjectReader READER = Json.MAPPER.reader()
        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JobRequestParser() {
    }

    /** Parses and type-checks; values are validated later by {@link JobSpecs#validate}. */
    public static JobSubmitRequest parse(String body) {
        JsonNode json = object(body);
        return new JobSubmitRequest(
            text(json, "title"),
            text(json, "language"),
            files(json),
            tests(json),
            text(json, "locality"),
            timeout(json),
            null,
            bool(json, "restricted"));
    }

    private static JsonNode object(String body) {
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

    private static JsonNode field(JsonNode json, String name) {
        JsonNode node = json.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private static String text(JsonNode json, String name) {
        JsonNode node = field(json, name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw typeError(name, "a string", node);
        }
        return node.textValue();
    }

    private static Map<String, String> files(JsonNode json) {
        JsonNode node = field(json, "files");
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw typeError("files", "an object of path to content", node);
        }
        Map<String, String> files = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getValue().isTextual()) {
                throw MeshException.badRequest("files: content of '" + clip(entry.getKey()) + "' must be a string, got "
                    + kind(entry.getValue()));
            }
            files.put(entry.getKey(), entry.getValue().textValue());
        }
        return files;
    }

    private static List<String> tests(JsonNode json) {
        JsonNode node = field(json, "tests");
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw typeError("tests", "a list of file paths", node);
        }
        List<String> tests = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw MeshException.badRequest("tests: each entry must be a string, got " + kind(item));
            }
            tests.add(item.textValue());
        }
        return tests;
    }

    private static Integer timeout(JsonNode json) {
        JsonNode node = field(json, "timeoutSeconds");
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw typeError("timeoutSeconds", "an integer number of seconds", node);
        }
        if (!node.canConvertToInt()) {
            throw MeshException.badRequest("timeoutSeconds: must be within " + JobSpecs.MIN_TIMEOUT + ".."
                + JobSpecs.MAX_TIMEOUT + ", got " + clip(node.asText()));
        }
        return node.intValue();
    }

    private static Boolean bool(JsonNode json, String name) {
        JsonNode node = field(json, name);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw typeError(name, "true or false", node);
        }
        return node.booleanValue();
    }

    private static MeshException typeError(String field, String expected, JsonNode got) {
        return MeshException.badRequest(field + ": must be " + expected + ", got " + kind(got));
    }

    private static String kind(JsonNode node) {
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

    private static String clip(String s) {
        String text = String.valueOf(s).replaceAll("\\p{Cntrl}", "?");
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
