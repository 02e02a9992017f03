package io.edgecoder.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgecoder.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden JSON per bus message record: the body of each record (filled by
 * {@link MessageRoundTripTest#sample}) must be exactly the committed fixture
 * {@code src/test/resources/fixtures/messages/<Record>.json}, and the fixture must read back as
 * the same record. A renamed or removed field breaks nodes of the previous version, so it fails
 * here; an added field fails until its fixture is regenerated and reviewed. Records are found by
 * themselves; a new record without a fixture fails saying how to write one:
 * {@code mvn -B -o test -pl mesh-core -Dtest=MessageFixtureTest -Dedgecoder.fixtures.write=true}
 * writes every missing or changed fixture into the source tree (review the diff, then commit).
 */
class MessageFixtureTest {
    static final String WRITE_PROPERTY = "edgecoder.fixtures.write";
    private static final String HOW = "mvn -B -o test -pl mesh-core -Dtest=MessageFixtureTest -D" + WRITE_PROPERTY + "=true";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.edgecoder.core.message.MessageRoundTripTest#messages")
    void bodyMatchesItsGoldenFixture(Class<?> type) throws Exception {
        Object sample = MessageRoundTripTest.sample(type);
        String current = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n";
        Path file = fixture(type);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            write(file, current);
        }
        if (!Files.exists(file)) {
            Assertions.fail(type.getSimpleName() + " has no golden fixture " + file + "; write it with `" + HOW
                + "`, review it and commit it");
        }
        JsonNode golden = Json.MAPPER.readTree(Files.readString(file));
        JsonNode now = Json.MAPPER.readTree(current);
        if (!golden.equals(now)) {
            Assertions.fail(describe(type, golden, now));
        }
        assertThat(Json.parse(golden.toString(), type)).as("%s read from its fixture", type.getSimpleName()).isEqualTo(sample);
    }

    private static String describe(Class<?> type, JsonNode golden, JsonNode now) {
        TreeSet<String> gone = paths(golden, "");
        gone.removeAll(paths(now, ""));
        TreeSet<String> added = paths(now, "");
        added.removeAll(paths(golden, ""));
        String what = !gone.isEmpty()
            ? "fields " + gone + " are in the fixture but no longer written (renamed or removed fields break nodes of"
                + " the previous version: add a field instead, or use a new address for a breaking change)"
                + (added.isEmpty() ? "" : "; new fields " + added)
            : !added.isEmpty() ? "new fields " + added + " are not in the fixture yet"
            : "values differ from the fixture (a changed wire name or format)";
        return type.getSimpleName() + ": " + what + ". If the change is intended, regenerate with `" + HOW
            + "` and commit the reviewed fixture.\nfixture: " + golden + "\nnow:     " + now;
    }

    /** Every field path of {@code node}, such as {@code report.failures[].message}. */
    private static TreeSet<String> paths(JsonNode node, String prefix) {
        TreeSet<String> out = new TreeSet<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                out.add(path);
                out.addAll(paths(field.getValue(), path));
            }
        } else if (node.isArray()) {
            node.forEach(element -> out.addAll(paths(element, prefix + "[]")));
        }
        return out;
    }

    private static Path fixture(Class<?> type) {
        return Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "fixtures", "messages",
            type.getSimpleName() + ".json");
    }

    private static void write(Path file, String json) throws IOException {
        if (Files.exists(file) && Files.readString(file).equals(json)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
        System.out.println("wrote golden fixture " + file + " (review it and commit it)");
    }
}
