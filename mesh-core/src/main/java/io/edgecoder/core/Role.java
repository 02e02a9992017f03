package io.edgecoder.core;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles a node can run. A node deploys the verticles of the roles it is told to. */
public enum Role {
    COORDINATOR, INFERENCE, LEDGER, WORKER, CONTROL, PORTAL;

    /** Lower-case name as used in config, logs and health reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a list such as {@code coordinator,worker}; unknown names fail naming them. */
    public static Set<Role> parse(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one role is required");
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            String key = name.trim().toUpperCase(Locale.ROOT);
            try {
                roles.add(Role.valueOf(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + name + "' (known: " + known() + ")");
            }
        }
        return roles;
    }

    /** Comma-separated ids of {@code roles}, in declaration order. */
    public static String ids(Set<Role> roles) {
        return roles.stream().sorted().map(Role::id).collect(Collectors.joining(","));
    }

    public static String known() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(","));
    }
}
