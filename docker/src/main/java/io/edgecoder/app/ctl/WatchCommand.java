package io.edgecoder.app.ctl;

import io.edgecoder.core.address.OperatorAddresses;
import io.edgecoder.core.bridge.Frame;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ctl watch}: live events (job and subtask changes, revocations and the other events of
 * {@link OperatorAddresses#EVENTS}) until Ctrl-C, one line each, or one JSON object per line.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Print live events until Ctrl-C: job events, node revocations, policy changes.",
        "With --json: one JSON object per line {address, event}."})
final class WatchCommand extends CtlCommand {
    @Option(names = "--max-events", paramLabel = "N", defaultValue = "0", description = "Stop after N events (0: never).")
    long maxEvents;

    @Option(names = "--only", split = ",", paramLabel = "STREAM",
        description = "Only these streams: jobs (job and subtask changes), nodes (revocations), policy (each committed version).")
    List<String> only;

    private static final java.util.Map<String, String> STREAMS = java.util.Map.of(
        "jobs", io.edgecoder.core.address.CoordinatorAddresses.JOB_EVENTS,
        "nodes", io.edgecoder.core.address.ControlAddresses.REVOCATION_EVENTS,
        "policy", io.edgecoder.core.address.ControlAddresses.POLICY_EVENTS);

    private long seen;

    @Override
    int execute(CtlClient client) throws IOException {
        List<String> addresses = only == null ? List.copyOf(new TreeSet<>(OperatorAddresses.EVENTS)) : streams();
        try {
            client.watch(addresses, () -> ready(addresses), this::print);
        } catch (Enough done) {
            return 0;
        }
        return 0;
    }

    private List<String> streams() {
        TreeSet<String> addresses = new TreeSet<>();
        for (String name : only) {
            String address = STREAMS.get(name);
            if (address == null) {
                throw new CtlException(CtlException.USAGE, "--only takes jobs, nodes or policy, not '" + name + "'");
            }
            addresses.add(address);
        }
        return List.copyOf(addresses);
    }

    private void ready(List<String> addresses) {
        if (!json()) {
            out().println("watching " + String.join(", ", addresses) + " on node " + node().getString("node") + " (Ctrl-C to stop)");
            out().flush();
        }
    }

    private void print(Frame event) {
        if (json()) {
            out().println(new io.vertx.core.json.JsonObject().put("address", event.address()).put("event", event.body()).encode());
        } else {
            out().println(java.time.Instant.now() + "  " + WatchLines.line(event.address(), event.body()));
        }
        out().flush();
        if (maxEvents > 0 && ++seen >= maxEvents) {
            throw new Enough();
        }
    }

    /** Ends the watch after {@code --max-events}. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }
}
