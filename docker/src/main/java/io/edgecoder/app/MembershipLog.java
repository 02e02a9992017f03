package io.edgecoder.app;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line per Hazelcast membership change, on every node: who came or went, and how many remain. */
final class MembershipLog implements InitialMembershipListener {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipLog.class);

    @Override
    public void init(InitialMembershipEvent event) {
        LOG.info("cluster members at join: {}", event.getMembers().stream().map(MembershipLog::describe)
            .collect(Collectors.joining(", ")));
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        if (event.getMember().localMember()) {
            return;
        }
        LOG.info("cluster member added: {}; {} members now", describe(event.getMember()), event.getMembers().size());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        LOG.info("cluster member removed: {}; {} members now", describe(event.getMember()), event.getMembers().size());
    }

    static String describe(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort() + " (" + member.getUuid() + ")";
    }
}
