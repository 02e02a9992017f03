package io.edgecoder.portal.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Role;
import io.edgecoder.portal.impl.RoleProbe.RoleState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {
    private static final RoleState UP = new RoleState("up", Map.of());
    private static final RoleState DOWN = new RoleState("down", Map.of());
    private static final RoleState ABSENT = new RoleState("absent", Map.of());

    @Test
    void absentRolesDoNotDegradeTheNode() {
        HealthReport report = new HealthReport("n1", Map.of(Role.PORTAL, UP, Role.WORKER, ABSENT));

        assertThat(report.healthy()).isTrue();
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.database()).isEqualTo("absent");
        assertThat(report.toJson().getJsonObject("roles").getString("coordinator")).isEqualTo("absent");
    }

    @Test
    void oneDownRoleDegradesTheNode() {
        HealthReport report = new HealthReport("n1", Map.of(Role.PORTAL, UP, Role.WORKER, DOWN));

        assertThat(report.healthy()).isFalse();
        assertThat(report.httpStatus()).isEqualTo(503);
        assertThat(report.toJson().getString("status")).isEqualTo("degraded");
    }

    @Test
    void databaseIsDownIfAnyRoleSaysSoAndUpIfSomeRoleSaysSo() {
        RoleState dbUp = new RoleState("up", Map.of("database", "up"));
        RoleState dbDown = new RoleState("up", Map.of("database", "down"));

        assertThat(new HealthReport("n", Map.of(Role.COORDINATOR, dbUp, Role.LEDGER, dbDown)).database()).isEqualTo("down");
        assertThat(new HealthReport("n", Map.of(Role.COORDINATOR, dbUp, Role.WORKER, UP)).database()).isEqualTo("up");
        assertThat(new HealthReport("n", Map.of(Role.COORDINATOR, dbDown)).healthy()).isFalse();
    }
}
