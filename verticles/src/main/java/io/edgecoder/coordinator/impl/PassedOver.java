package io.edgecoder.coordinator.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why workers were passed over for one placement, grouped by reason: how many and the first few
 * node ids of each, so a job can show it without listing a thousand workers.
 */
final class PassedOver {
    private static final int IDS_SHOWN = 3;
    private static final int REASONS_SHOWN = 12;

    private final Map<String, Group> groups = new LinkedHashMap<>();

    void add(String reason, String nodeId) {
        Group g = groups.computeIfAbsent(reason, r -> new Group());
        g.count++;
        if (g.ids.size() < IDS_SHOWN) {
            g.ids.add(nodeId);
        }
    }

    void addCount(String reason, int count) {
        if (count > 0) {
            groups.computeIfAbsent(reason, r -> new Group()).count += count;
        }
    }

    /** Each reason as {@code <reason>: <count> (<ids>...)}. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        groups.forEach((reason, g) -> {
            if (out.size() < REASONS_SHOWN) {
                out.add(reason + ": " + g.count + (g.ids.isEmpty() ? "" : " (" + String.join(", ", g.ids)
                    + (g.count > g.ids.size() ? ", ..." : "") + ")"));
            }
        });
        return out;
    }

    private static final class Group {
        private int count;
        private final List<String> ids = new ArrayList<>(IDS_SHOWN);
    }
}
