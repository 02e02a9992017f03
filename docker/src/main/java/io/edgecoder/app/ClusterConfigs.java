package io.edgecoder.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.TcpIpConfig;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the Hazelcast configuration: the operator's cluster.xml when given, otherwise TCP-IP
 * discovery on the configured members and the members this node remembers ({@link KnownMembers}).
 * Multicast and auto-detection are always switched off in the built-in configuration: a node
 * never silently joins whoever is on the LAN. Split clusters merge within seconds (Hazelcast's
 * default first look is after 300 s), unless the operator's file says otherwise.
 */
final class ClusterConfigs {
    /** Seconds before the first and between later looks for another cluster to merge with. */
    static final int MERGE_DELAY_SECONDS = 5;

    private ClusterConfigs() {
    }

    static Config from(Settings s) {
        return from(s, List.of());
    }

    /** The configuration, the built-in one also looking for the {@code known} members. */
    static Config from(Settings s, List<String> known) {
        Config config = s.has(ConfigKeys.CLUSTER_CONFIG) ? fromFile(Path.of(s.string(ConfigKeys.CLUSTER_CONFIG))) : builtIn(s, known);
        setIfAbsent(config, "hazelcast.merge.first.run.delay.seconds", String.valueOf(MERGE_DELAY_SECONDS));
        setIfAbsent(config, "hazelcast.merge.next.run.delay.seconds", String.valueOf(MERGE_DELAY_SECONDS));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.addListenerConfig(new ListenerConfig(new MembershipLog()));
        return config;
    }

    private static void setIfAbsent(Config config, String property, String value) {
        if (config.getProperty(property) == null) {
            config.setProperty(property, value);
        }
    }

    /** The configured {@code --join} members (validated). */
    static List<String> joinMembers(Settings s) {
        List<String> members = s.list(ConfigKeys.CLUSTER_JOIN);
        for (String member : members) {
            if (!member.matches("[A-Za-z0-9.\\-:\\[\\]]+(:\\d{1,5})?")) {
                throw new ConfigException("setting '" + ConfigKeys.CLUSTER_JOIN + "': bad member '" + member + "' (want host:port)");
            }
        }
        return members;
    }

    private static Config fromFile(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("setting '" + ConfigKeys.CLUSTER_CONFIG + "': cannot read " + file);
        }
        try {
            return new FileSystemXmlConfig(file.toFile());
        } catch (FileNotFoundException e) {
            throw new ConfigException("setting '" + ConfigKeys.CLUSTER_CONFIG + "': " + e.getMessage());
        }
    }

    private static Config builtIn(Settings s, List<String> known) {
        String host = s.string(ConfigKeys.CLUSTER_HOST);
        int port = s.integer(ConfigKeys.CLUSTER_PORT, 1, 65535);
        Config config = new Config();
        config.setClusterName(s.string(ConfigKeys.CLUSTER_NAME));
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(true).setPortCount(100);
        if (!host.equals("0.0.0.0")) {
            // the host alone: Hazelcast advertises the port it actually bound, which differs from the configured
            // one when that was taken and it moved on to the next
            config.getNetworkConfig().setPublicAddress(host);
        }
        config.getNetworkConfig().getInterfaces().setEnabled(!host.equals("0.0.0.0")).addInterface(host);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        TcpIpConfig tcp = join.getTcpIpConfig().setEnabled(true);
        List<String> members = joinMembers(s);
        members.forEach(tcp::addMember);
        // with neither, no member at all: the node forms its own cluster at once (listing its own configured
        // address would make it wait for whatever else holds that port when it had to take another)
        known.stream().filter(m -> !members.contains(m)).forEach(tcp::addMember);
        return config;
    }
}
