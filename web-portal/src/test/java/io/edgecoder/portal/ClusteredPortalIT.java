package io.edgecoder.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.RoleHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a two-node Hazelcast cluster the portal on node A reaches a coordinator on node B, while
 * {@code /health} reports only node A's own roles.
 */
class ClusteredPortalIT {
    private static List<Vertx> nodes;
    private static PortalHarness portal;
    private static List<JobSubmitRequest> receivedOnB;

    @BeforeAll
    static void startCluster() throws Exception {
        nodes = io.edgecoder.core.testing.TestClusters.start(2);
        BusClient busB = new BusClient(nodes.get(1), Duration.ofSeconds(5));
        receivedOnB = RecordingConsumer.on(busB, CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.succeededFuture(new JobSubmitReply("job-b", "queued", null)));
        PortalHarness.await(busB.localConsumer(NodeAddresses.roleHealth(Role.COORDINATOR), HealthRequest.class,
            request -> Future.succeededFuture(new RoleHealth("coordinator", "up", Map.of("database", "up")))));
        portal = PortalHarness.start(nodes.get(0), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        io.edgecoder.core.testing.TestClusters.closeAll(nodes);
    }

    @Test
    void submissionOnNodeAReachesTheCoordinatorOnNodeB() {
        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", Jobs.python());

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getString("id")).isEqualTo("job-b");
        assertThat(receivedOnB).singleElement().extracting(JobSubmitRequest::requester).isEqualTo("admin");
    }

    @Test
    void healthOnNodeAReportsTheRemoteCoordinatorAbsent() {
        HttpResponse<Buffer> response = portal.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getJsonObject("roles").getString("coordinator")).isEqualTo("absent");
        assertThat(response.bodyAsJsonObject().getString("database")).isEqualTo("absent");
    }
}
