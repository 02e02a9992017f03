package io.edgecoder.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Map;

/**
 * The one shared Jackson mapper of EdgeCoder and the conversions between message records and
 * the {@link JsonObject} bodies that travel on the event bus. Unknown fields are ignored so
 * contracts can grow by adding fields; java.time values are ISO-8601 strings; no polymorphic
 * default typing.
 */
public final class Json {
    /** The shared mapper. Configure nothing on it after start-up. */
    public static final ObjectMapper MAPPER = createMapper();

    private Json() {
    }

    private static ObjectMapper createMapper() {
        SimpleModule vertxTypes = new SimpleModule("edgecoder-vertx-json");
        vertxTypes.addSerializer(JsonObject.class, new JsonSerializer<>() {
            @Override
            public void serialize(JsonObject value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeObject(value.getMap());
            }
        });
        vertxTypes.addSerializer(JsonArray.class, new JsonSerializer<>() {
            @Override
            public void serialize(JsonArray value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeObject(value.getList());
            }
        });
        return new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(vertxTypes)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Converts a record (or map) to a bus body. */
    @SuppressWarnings("unchecked")
    public static JsonObject toJson(Object value) {
        if (value == null) {
            return new JsonObject();
        }
        if (value instanceof JsonObject json) {
            return json;
        }
        return new JsonObject(MAPPER.convertValue(value, Map.class));
    }

    /** Converts a bus body to a record; malformed bodies become {@link ErrorCode#BAD_REQUEST}. */
    public static <T> T fromJson(JsonObject json, Class<T> type) {
        if (type == JsonObject.class) {
            return type.cast(json == null ? new JsonObject() : json);
        }
        try {
            return MAPPER.convertValue(json == null ? Map.of() : json.getMap(), type);
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest("malformed " + type.getSimpleName() + ": " + rootMessage(e));
        }
    }

    /** Parses JSON text to a record; malformed text becomes {@link ErrorCode#BAD_REQUEST}. */
    public static <T> T parse(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw MeshException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Writes a value as compact JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
