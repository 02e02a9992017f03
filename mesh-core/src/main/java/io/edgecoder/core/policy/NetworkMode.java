package io.edgecoder.core.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where an organisation's work may go. {@code LOCAL_ONLY}: no job leaves the organisation's own
 * nodes and no edge connection from another owner is accepted; {@code SWARM}: mesh jobs run on the
 * organisation's own workers first and overflow to approved mesh workers only when none of its
 * own is free; {@code PUBLIC}: mesh jobs run on any approved mesh worker. Declared from strictest.
 */
public enum NetworkMode {
    LOCAL_ONLY("local-only"), SWARM("swarm"), PUBLIC("public");

    /** The mode of a deployment nobody configured: what EdgeCoder did before modes existed. */
    public static final NetworkMode DEFAULT = PUBLIC;

    private final String id;

    NetworkMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The stricter of the two. */
    public NetworkMode stricter(NetworkMode other) {
        return other == null || ordinal() <= other.ordinal() ? this : other;
    }

    /** Parses an id; unknown ids fail naming the known ones. */
    public static NetworkMode parse(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(key)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + id + "' (known: " + known() + ")"));
    }

    public static String known() {
        return Arrays.stream(values()).map(NetworkMode::id).collect(Collectors.joining(", "));
    }
}
