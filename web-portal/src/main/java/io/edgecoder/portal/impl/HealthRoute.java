package io.edgecoder.portal.impl;

import io.edgecoder.core.Role;
import io.edgecoder.portal.impl.RoleProbe.RoleState;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** {@code GET /health}: probes every role of this node in parallel; 200 when healthy, else 503. */
public final class HealthRoute {
    private final RoleProbe probe;
    private final String nodeId;

    public HealthRoute(RoleProbe probe, String nodeId) {
        this.probe = probe;
        this.nodeId = nodeId;
    }

    public void handle(RoutingContext ctx) {
        report()
            .onSuccess(report -> HttpJson.send(ctx, report.httpStatus(), report.toJson()))
            .onFailure(ctx::fail);
    }

    /** Probes all roles; completes within the probe timeout. */
    public Future<HealthReport> report() {
        List<Role> roles = Arrays.asList(Role.values());
        List<Future<RoleState>> probes = roles.stream().map(probe::probe).toList();
        return Future.all(probes).map(done -> {
            Map<Role, RoleState> states = new EnumMap<>(Role.class);
            for (int i = 0; i < roles.size(); i++) {
                states.put(roles.get(i), probes.get(i).result());
            }
            return new HealthReport(nodeId, states);
        });
    }
}
