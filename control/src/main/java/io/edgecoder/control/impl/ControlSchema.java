package io.edgecoder.control.impl;

import java.util.List;

/** The control role's migrations, applied in order by mesh-core's Migrator as component {@link #COMPONENT}. */
public final class ControlSchema {
    public static final String COMPONENT = "control";
    public static final List<String> MIGRATIONS = List.of("db/control/V001__enrollment.sql", "db/control/V002__node_slots.sql",
        "db/control/V003__policy.sql");

    private ControlSchema() {
    }
}
