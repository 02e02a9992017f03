package io.edgecoder.app.policy;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.policy.PolicyApplier;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

/**
 * A core node in its own JVM for the propagation tests and benchmark: it joins the test cluster
 * with a certificate from the CA in {@code caDir} for the identity kept in {@code dataDir} (so a
 * restart is the same node), runs the {@link PolicyApplier} like every real node, and prints
 * {@code READY <nodeId> <version>} once its first pull is done (the version it holds before it
 * would take work). It runs until its stdin closes.
 * Usage: PolicyNodeMain clusterName caDir dataDir ackMillis
 */
public final class PolicyNodeMain {
    private PolicyNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String cluster = args[0];
        DeploymentCa ca = DeploymentCa.load(Path.of(args[1]));
        NodeIdentity identity = NodeIdentity.loadOrCreate(Path.of(args[2]).resolve("identity"));
        long ackMillis = Long.parseLong(args[3]);
        EnumSet<Role> roles = EnumSet.of(Role.WORKER);
        NodeCredentials credentials = ca.credentials(identity, "acme", Ring.CORE, roles, Duration.ofHours(2));
        Vertx vertx = TestClusters.member(cluster, credentials).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        PolicyApplier applier = PolicyApplier.install(vertx, new BusClient(vertx, Duration.ofSeconds(5)),
                new PolicyApplier.Self(identity.nodeId(), "acme", roles, "test"), Duration.ofMillis(ackMillis), PolicyApplier.PULL_EVERY)
            .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        System.out.println("READY " + identity.nodeId() + " " + applier.policy().version());
        System.out.flush();
        while (System.in.read() >= 0) {
            // run until the parent closes stdin (or kills the process)
        }
        applier.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.exit(0);
    }
}
