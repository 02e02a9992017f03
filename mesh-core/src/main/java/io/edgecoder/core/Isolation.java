package io.edgecoder.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Isolation levels a worker can announce, weakest first. {@code process}: a plain child
 * process with rlimits; {@code basic}: rlimits and no network; {@code strong}: namespaces and
 * cgroup limits under an unprivileged uid. The wire name ({@link #id()}) is the lower-case name;
 * on the wire an unknown name reads as {@link #NONE}.
 */
public enum Isolation {
    NONE, PROCESS, BASIC, STRONG;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Isolation other) {
        return compareTo(other) >= 0;
    }

    /** Parses an id; unknown values are {@link #NONE} (never trust an unknown claim). */
    @JsonCreator
    public static Isolation of(String id) {
        if (id == null) {
            return NONE;
        }
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }

    /** Strict parse for configuration. */
    public static Isolation parse(String id, String key) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.edgecoder.core.config.ConfigException("setting '" + key + "' must be one of none, process, basic, strong");
        }
    }
}
