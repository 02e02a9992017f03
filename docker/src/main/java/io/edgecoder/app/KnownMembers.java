package io.edgecoder.app;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the address of every cluster member this node has seen, in
 * {@code <data-dir>/cluster-members} (newest first, at most {@value #MAX}), so that a node
 * restarted without {@code --join} (a full node that others joined) still looks for them and
 * rejoins their cluster at start instead of forming one of its own. Addresses of members that are
 * gone cost a connection attempt and nothing else.
 */
final class KnownMembers implements InitialMembershipListener {
    private static final Logger LOG = LoggerFactory.getLogger(KnownMembers.class);
    static final String FILE = "cluster-members";
    static final int MAX = 64;
    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,100}:\\d{1,5}");

    private final Path file;

    KnownMembers(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** The remembered addresses; unreadable or malformed lines are skipped. */
    List<String> read() {
        if (!Files.isReadable(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(line -> MEMBER.matcher(line).matches()).limit(MAX).toList();
        } catch (IOException e) {
            LOG.warn("cannot read the remembered cluster members in {}: {}", file, e.getMessage());
            return List.of();
        }
    }

    @Override
    public void init(InitialMembershipEvent event) {
        remember(event.getMembers());
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        remember(event.getMembers());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        // a member that left is still worth looking for after a restart: nothing to forget
    }

    private synchronized void remember(Collection<Member> members) {
        Set<String> all = new LinkedHashSet<>();
        for (Member member : members) {
            Address address = member.getAddress();
            all.add(address.getHost() + ":" + address.getPort());
        }
        all.addAll(read());
        List<String> kept = new ArrayList<>(all).subList(0, Math.min(all.size(), MAX));
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            move(tmp);
        } catch (IOException e) {
            LOG.warn("cannot remember the cluster members in {}: {}", file, e.getMessage());
        }
    }

    private void move(Path tmp) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
