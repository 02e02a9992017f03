package io.edgecoder.portal.impl;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.JobSubmitRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON body of {@code POST /api/v1/jobs} into a {@link JobSubmitRequest}, checking
 * JSON types field by field (with {@link BodyFields}) so a wrong type is reported as
 * {@code <field>: ...} (the same form {@link JobSpecs#validate} uses for wrong values). Every
 * field is optional here: missing ones are judged by {@link JobSpecs#validate}. Unknown fields
 * are ignored; a client-supplied {@code requester} is ignored too (the portal sets it from the
 * authenticated caller).
 */
public final class JobRequestParser {
    private JobRequestParser() {
    }

    /** Parses and type-checks; values are validated later by {@link JobSpecs#validate}. */
    public static JobSubmitRequest parse(String body) {
        JsonNode json = BodyFields.object(body);
        return new JobSubmitRequest(
            BodyFields.text(json, "title", false),
            BodyFields.text(json, "language", false),
            files(json),
            tests(json),
            BodyFields.text(json, "locality", false),
            timeout(json),
            null,
            BodyFields.bool(json, "restricted"),
            null,
            BodyFields.text(json, "prompt", false),
            BodyFields.text(json, "model", false),
            iterations(json),
            BodyFields.text(json, "allowRemote", false),
            priority(json),
            deadline(json),
            BodyFields.text(json, "planModel", false));
    }

    /** 0..9 is checked by {@link JobSpecs#validate}; here only that it is an integer. */
    private static Integer priority(JsonNode json) {
        JsonNode node = BodyFields.typed(json, "priority", false, JsonNode::isIntegralNumber, "an integer 0..9");
        if (node == null) {
            return null;
        }
        if (!node.canConvertToInt()) {
            throw BodyFields.outOfRange("priority", 0, 9, node);
        }
        return node.intValue();
    }

    private static java.time.Instant deadline(JsonNode json) {
        String text = BodyFields.text(json, "deadline", false);
        if (text == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw MeshException.badRequest("deadline: must be an ISO-8601 instant such as 2026-12-07T18:00:00Z, got '"
                + BodyFields.clip(text) + "'");
        }
    }

    private static Integer iterations(JsonNode json) {
        JsonNode node = BodyFields.typed(json, "maxIterations", false, JsonNode::isIntegralNumber, "an integer");
        if (node == null) {
            return null;
        }
        if (!node.canConvertToInt()) {
            throw BodyFields.outOfRange("maxIterations", 1, JobSpecs.MAX_ITERATIONS, node);
        }
        return node.intValue();
    }

    private static Map<String, String> files(JsonNode json) {
        JsonNode node = BodyFields.typed(json, "files", false, JsonNode::isObject, "an object of path to content");
        if (node == null) {
            return null;
        }
        Map<String, String> files = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getValue().isTextual()) {
                throw MeshException.badRequest("files: content of '" + BodyFields.clip(entry.getKey())
                    + "' must be a string, got " + BodyFields.kind(entry.getValue()));
            }
            files.put(entry.getKey(), entry.getValue().textValue());
        }
        return files;
    }

    private static List<String> tests(JsonNode json) {
        JsonNode node = BodyFields.typed(json, "tests", false, JsonNode::isArray, "a list of file paths");
        if (node == null) {
            return null;
        }
        List<String> tests = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw MeshException.badRequest("tests: each entry must be a string, got " + BodyFields.kind(item));
            }
            tests.add(item.textValue());
        }
        return tests;
    }

    private static Integer timeout(JsonNode json) {
        JsonNode node = BodyFields.typed(json, "timeoutSeconds", false, JsonNode::isIntegralNumber,
            "an integer number of seconds");
        if (node == null) {
            return null;
        }
        if (!node.canConvertToInt()) {
            throw BodyFields.outOfRange("timeoutSeconds", JobSpecs.MIN_TIMEOUT, JobSpecs.MAX_TIMEOUT, node);
        }
        return node.intValue();
    }
}
