package io.edgecoder.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parsing of the lower-case wire names of the status enums. */
final class WireNames {
    private WireNames() {
    }

    /** The constant named {@code wire} (case-insensitive); an unknown or null name fails naming the known ones. */
    static <E extends Enum<E>> E parse(Class<E> type, String what, String wire) {
        E found = find(type, wire);
        if (found == null) {
            String shown = wire == null || wire.length() <= 40 ? wire : wire.substring(0, 37) + "...";
            throw new IllegalArgumentException("unknown " + what + " '" + shown + "' (known: " + known(type) + ")");
        }
        return found;
    }

    /** The constant named {@code wire} (case-insensitive), or null. */
    static <E extends Enum<E>> E find(Class<E> type, String wire) {
        if (wire == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, wire.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static <E extends Enum<E>> String known(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    }
}
