package io.edgecoder.app;

import static io.edgecoder.app.policy.PolicyCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.policy.PolicyCluster;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.BlacklistAddRequest;
import io.edgecoder.core.message.BlacklistView;
import io.edgecoder.core.message.ControlStatusReply;
import io.edgecoder.core.message.ControlStatusRequest;
import io.edgecoder.core.message.ModeSetRequest;
import io.edgecoder.core.message.ModeView;
import io.edgecoder.core.message.PolicyAck;
import io.edgecoder.core.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Policy propagation across JVMs: a control node here and three nodes in JVMs of their own. Every
 * change reaches every node, which acknowledges the version it applied, and the status lists each
 * node's version; a node stopped while changes are made catches up when it restarts, before it
 * would take work (the version it holds when its applier's first pull completes is the latest).
 */
@Tag("slow")
class PolicyPropagationJvmIT {
    private static PolicyCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new PolicyCluster(1000).start(3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyChangeReachesEveryNodeInItsOwnJvmAndIsAcknowledged() throws Exception {
        long last = 0;
        for (String mode : List.of("swarm", "local-only", "public", "swarm", "public")) {
            last = await(cluster.operator().request(ControlAddresses.MODE_SET, new ModeSetRequest("acme", mode, "ops", null),
                ModeView.class)).version();
            long version = last;
            Await.until("every node acknowledging version " + version, Duration.ofSeconds(30), () -> cluster.latest(),
                acks -> cluster.children().stream().allMatch(c -> acked(acks, c.nodeId(), version)));
        }
        long expected = last;
        ControlStatusReply status = Await.until("the status listing every node at version " + expected, Duration.ofSeconds(30),
            () -> await(cluster.operator().request(ControlAddresses.STATUS, new ControlStatusRequest(), ControlStatusReply.class)),
            s -> cluster.children().stream().allMatch(c -> s.nodes().stream()
                .anyMatch(n -> n.nodeId().equals(c.nodeId()) && n.version() >= expected)));

        assertThat(status.version()).isEqualTo(expected);
        assertThat(status.nodes()).allSatisfy(n -> assertThat(n.appliedAt()).isNotNull());
    }

    @Test
    void aNodeStoppedDuringAChangeCatchesUpOnRestartBeforeItWouldTakeWork() throws Exception {
        PolicyCluster.Child away = cluster.children().get(2);
        cluster.stop(away);

        BlacklistView barred = await(cluster.operator().request(ControlAddresses.BLACKLIST_ADD, new BlacklistAddRequest("node",
            NodeIdentity.ephemeral().nodeId(), "seen scanning ports", null, "ops", null), BlacklistView.class));
        long latest = await(cluster.operator().request(ControlAddresses.MODE_SET, new ModeSetRequest(null, "swarm", "ops",
            "while a node is away"), ModeView.class)).version();
        cluster.launch(away);

        assertThat(latest).isGreaterThan(barred.version());
        assertThat(away.versionAtStart()).isEqualTo(latest);
        Await.until("the restarted node acknowledging version " + latest, Duration.ofSeconds(30), () -> cluster.latest(),
            acks -> acked(acks, away.nodeId(), latest));
    }

    private static boolean acked(Map<String, PolicyAck> acks, String nodeId, long version) {
        PolicyAck ack = acks.get(nodeId);
        return ack != null && ack.version() >= version;
    }
}
