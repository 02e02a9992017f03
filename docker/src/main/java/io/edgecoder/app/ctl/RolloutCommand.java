package io.edgecoder.app.ctl;

import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.RolloutActionRequest;
import io.edgecoder.core.message.RolloutListReply;
import io.edgecoder.core.message.RolloutStartRequest;
import io.edgecoder.core.message.RolloutStatusRequest;
import io.edgecoder.core.message.RolloutView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ctl rollout start|pause|resume|rollback|status}: staged changes of settings or agent version. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
    description = "Stage a change of settings or agent version through percentage steps, gated by health.",
    subcommands = {RolloutCommand.Start.class, RolloutCommand.Pause.class, RolloutCommand.Resume.class, RolloutCommand.Rollback.class,
        RolloutCommand.Status.class})
final class RolloutCommand implements Runnable {
    @Override
    public void run() {
        throw new CtlException(CtlException.USAGE, "rollout needs a subcommand: start, pause, resume, rollback or status");
    }

    static void print(java.io.PrintWriter out, List<RolloutView> rollouts) {
        Table table = new Table("NAME", "KIND", "STATE", "STEP", "PERCENT", "SELECTED", "APPLIED", "VERSION", "BY", "WHY");
        for (RolloutView r : rollouts) {
            table.row(r.name(), r.kind(), r.state(), (r.stepIndex() + 1) + "/" + r.steps().size() + " " + r.steps(), r.percent() + "%",
                r.selected(), r.applied(), r.version(), r.createdBy(), r.stateReason());
        }
        table.print(out);
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start a rollout: --set KEY=VALUE for a configuration change, or --agent-version V.",
            "Example: ctl rollout start sandbox-mem --set sandbox.memory.mb=1024 --steps 10,50,100 --max-error-rate 0.05"})
    static final class Start extends CtlCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Unique name, 1..64 of [A-Za-z0-9._-].")
        String name;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting to change (repeatable): a config rollout.")
        Map<String, String> settings = new LinkedHashMap<>();

        @Option(names = "--agent-version", paramLabel = "VERSION", description = "Ask nodes to run this agent version: an agent rollout.")
        String agentVersion;

        @Option(names = "--steps", split = ",", paramLabel = "PERCENT", defaultValue = "10,50,100",
            description = "Target percentages, increasing (default ${DEFAULT-VALUE}).")
        List<Integer> steps;

        @Option(names = "--max-error-rate", paramLabel = "RATE", description = "Pause when a node that applied it errs more (0..1).")
        Double maxErrorRate;

        @Option(names = "--max-latency-ms", paramLabel = "MS", description = "Pause when a node that applied it is slower on average.")
        Long maxLatencyMs;

        @Option(names = "--step-seconds", paramLabel = "S", description = "How long a step must stay healthy (default 60).")
        Integer stepSeconds;

        @Option(names = "--min-runs", paramLabel = "N", description = "Runs a node must report before its error rate counts (default 5).")
        Integer minRuns;

        @Override
        int execute(CtlClient client) {
            if (settings.isEmpty() == (agentVersion == null)) {
                throw new CtlException(CtlException.USAGE, "give either --set KEY=VALUE (a config rollout) or --agent-version");
            }
            String kind = agentVersion == null ? "config" : "agent";
            RolloutView view = as(client.request(ControlAddresses.ROLLOUT_START, new RolloutStartRequest(name, kind,
                settings.isEmpty() ? null : settings, agentVersion, steps, maxErrorRate, maxLatencyMs, stepSeconds, null, minRuns)),
                RolloutView.class);
            return show(this, view);
        }
    }

    /** What pause, resume and rollback share. */
    abstract static class Action extends CtlCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        abstract String address();

        @Override
        int execute(CtlClient client) {
            return show(this, as(client.request(address(), new RolloutActionRequest(name, null, reason)), RolloutView.class));
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Hold a running rollout at its step.")
    static final class Pause extends Action {
        @Override
        String address() {
            return ControlAddresses.ROLLOUT_PAUSE;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused rollout go on.")
    static final class Resume extends Action {
        @Override
        String address() {
            return ControlAddresses.ROLLOUT_RESUME;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Undo a rollout: every node drops its settings.")
    static final class Rollback extends Action {
        @Override
        String address() {
            return ControlAddresses.ROLLOUT_ROLLBACK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "One rollout, or all of them, newest first.")
    static final class Status extends CtlCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
        String name;

        @Override
        int execute(CtlClient client) {
            RolloutListReply reply = as(client.request(ControlAddresses.ROLLOUT_STATUS, new RolloutStatusRequest(name)),
                RolloutListReply.class);
            if (json()) {
                printJson(reply);
            } else {
                print(out(), reply.rollouts());
            }
            return 0;
        }
    }

    private static int show(CtlCommand command, RolloutView view) {
        if (command.json()) {
            command.printJson(view);
        } else {
            print(command.out(), List.of(view));
        }
        return 0;
    }
}
