package io.edgecoder.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node's statement is put back only when the map lacks it or holds another one (the map is a local one here). */
class ClusterMembersTest {
    private static final String MEMBER = "3f1c0e3e-member";
    private final Vertx vertx = Vertx.vertx();
    private final DeploymentCa ca = DeploymentCa.ephemeral("members-test");
    private final NodeCredentials credentials = ca.credentials(NodeIdentity.ephemeral(), "local", Ring.CORE,
        EnumSet.allOf(Role.class), Duration.ofHours(1));

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void aStatementInPlaceIsLeftAndAMissingOrForeignOneIsPutBack() throws Exception {
        await(ClusterMembers.announce(vertx, MEMBER, credentials));
        AsyncMap<String, String> map = await(vertx.sharedData().<String, String>getAsyncMap(ClusterMembers.MAP));
        String announced = await(map.get(MEMBER));

        boolean inPlace = await(ClusterMembers.reannounce(vertx, MEMBER, credentials));
        await(map.remove(MEMBER));
        boolean missing = await(ClusterMembers.reannounce(vertx, MEMBER, credentials));
        await(map.put(MEMBER, "{\"member\":\"" + MEMBER + "\"}"));
        boolean foreign = await(ClusterMembers.reannounce(vertx, MEMBER, credentials));

        assertThat(inPlace).as("the same statement is not written again").isFalse();
        assertThat(missing).isTrue();
        assertThat(foreign).isTrue();
        assertThat(await(map.get(MEMBER))).isEqualTo(announced);
        assertThat(ClusterMembers.verify(MEMBER, announced, credentials.trust())).map(NodeCertificate::nodeId)
            .contains(credentials.identity().nodeId());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
