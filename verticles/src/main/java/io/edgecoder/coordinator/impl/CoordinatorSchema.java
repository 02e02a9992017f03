package io.edgecoder.coordinator.impl;

import java.util.List;

/** The coordinator's schema migrations, in order (version n is entry n). */
public final class CoordinatorSchema {
    public static final String COMPONENT = "coordinator";
    public static final List<String> MIGRATIONS = List.of(
        "db/coordinator/V001__jobs.sql",
        "db/coordinator/V002__org_isolation.sql",
        // V003 (per-subtask test reports) is being written on another branch; until it lands, V004 is entry 3.
        "db/coordinator/V004__verification.sql");

    private CoordinatorSchema() {
    }
}
