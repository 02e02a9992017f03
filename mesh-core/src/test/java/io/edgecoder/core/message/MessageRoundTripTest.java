package io.edgecoder.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Json;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message record of the bus contract survives the trip through a bus body and through
 * the wire encoding unchanged, with every field filled. New records are picked up by themselves.
 */
class MessageRoundTripTest {
    static Stream<Class<?>> messages() throws URISyntaxException {
        File dir = new File(new File(JobSubmitRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
            "io/edgecoder/core/message");
        return Arrays.stream(Objects.requireNonNull(dir.list()))
            .filter(name -> name.endsWith(".class") && !name.contains("$"))
            .<Class<?>>map(name -> load("io.edgecoder.core.message." + name.substring(0, name.length() - 6)))
            .filter(Class::isRecord);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTripsThroughBusBodiesAndTheWire(Class<?> type) throws Exception {
        Object message = sample(type);
        JsonObject body = Json.toJson(message);
        assertThat(Json.fromJson(body, type)).isEqualTo(message);
        assertThat(Json.fromJson(new JsonObject(body.encode()), type)).isEqualTo(message);
        assertThat(Json.parse(Json.write(message), type)).isEqualTo(message);
    }

    static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType(), i);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(Type generic, int i) throws Exception {
        if (generic instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return List.of(value(args[0], i));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("k" + i, value(args[1], i));
            }
        }
        Class<?> c = (Class<?>) generic;
        if (c == String.class) {
            return "s" + i;
        }
        if (c == int.class || c == Integer.class) {
            return 10 + i;
        }
        if (c == long.class || c == Long.class) {
            return 1000L + i;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == double.class || c == Double.class) {
            return 0.5 + i;
        }
        if (c == Instant.class) {
            return Instant.parse("2026-11-25T10:00:00Z").plusSeconds(i);
        }
        if (c.isRecord()) {
            return sample(c);
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[i % constants.length];
        }
        throw new IllegalStateException("no sample value for " + c.getName() + "; extend MessageRoundTripTest");
    }
}
