package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigsTest {
    private static Settings settings(Map<String, String> overrides) {
        return Settings.of(ConfigKeys.defaults()).with(overrides);
    }

    @Test
    void builtInConfigurationUsesTcpIpMembersAndNeverMulticast() {
        Config config = ClusterConfigs.from(settings(Map.of(ConfigKeys.CLUSTER_JOIN, "10.0.0.1:5701,10.0.0.2:5701",
            ConfigKeys.CLUSTER_HOST, "10.0.0.3")));
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.3");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    }

    @Test
    void aNodeWithoutJoinListFormsItsOwnCluster() {
        Config config = ClusterConfigs.from(settings(Map.of()));
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).isEmpty();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
    }

    @Test
    void rememberedMembersAreLookedForTooAndSplitClustersMergeWithinSeconds() {
        Config config = ClusterConfigs.from(settings(Map.of(ConfigKeys.CLUSTER_JOIN, "10.0.0.1:5701",
            ConfigKeys.CLUSTER_HOST, "10.0.0.3")), java.util.List.of("10.0.0.1:5701", "10.0.0.7:5702"));
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701", "10.0.0.7:5702");
        assertThat(config.getProperty("hazelcast.merge.first.run.delay.seconds")).isEqualTo("5");
        assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds")).isEqualTo("5");
        assertThat(config.getNetworkConfig().getPublicAddress()).as("no port: the one actually bound is advertised").isEqualTo("10.0.0.3");
    }

    @Test
    void badMembersAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> ClusterConfigs.from(settings(Map.of(ConfigKeys.CLUSTER_JOIN, "host:5701;rm -rf"))))
            .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.join");
    }

    @Test
    void anOperatorClusterXmlReplacesTheBuiltInOne(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("cluster.xml");
        Files.writeString(xml, """
            <hazelcast xmlns="http://www.hazelcast.com/schema/config">
              <cluster-name>operators-own</cluster-name>
              <network><join><multicast enabled="false"/><tcp-ip enabled="true"><member>10.9.9.9:5701</member></tcp-ip></join></network>
            </hazelcast>
            """);
        Config config = ClusterConfigs.from(settings(Map.of(ConfigKeys.CLUSTER_CONFIG, xml.toString())));
        assertThat(config.getClusterName()).isEqualTo("operators-own");
        assertThat(config.getProperty("hazelcast.merge.first.run.delay.seconds")).isEqualTo("5");
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("10.9.9.9:5701");
        assertThatThrownBy(() -> ClusterConfigs.from(settings(Map.of(ConfigKeys.CLUSTER_CONFIG, dir.resolve("nope.xml").toString()))))
            .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.config");
    }
}
