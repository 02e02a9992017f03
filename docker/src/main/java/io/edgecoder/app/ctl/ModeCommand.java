package io.edgecoder.app.ctl;

import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.ModeGetRequest;
import io.edgecoder.core.message.ModeListReply;
import io.edgecoder.core.message.ModeListRequest;
import io.edgecoder.core.message.ModeSetRequest;
import io.edgecoder.core.message.ModeView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ctl mode get|set}: the network mode (local-only, swarm, public) of the deployment or an organisation. */
@Command(name = "mode", mixinStandardHelpOptions = true, description = "Show or set the network mode: local-only, swarm or public.",
    subcommands = {ModeCommand.Get.class, ModeCommand.Set.class})
final class ModeCommand implements Runnable {
    @Override
    public void run() {
        throw new CtlException(CtlException.USAGE, "mode needs a subcommand: get or set");
    }

    static void print(java.io.PrintWriter out, Iterable<ModeView> modes) {
        Table table = new Table("SCOPE", "MODE", "EFFECTIVE", "VERSION", "SET BY", "SET AT", "REASON");
        for (ModeView m : modes) {
            table.row(m.org() == null ? "(deployment)" : "org " + m.org(), m.mode(), m.effective(), m.version(), m.setBy(), m.setAt(),
                m.reason());
        }
        table.print(out);
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
        description = "The deployment's mode, an organisation's (--org), or every mode set (--all).")
    static final class Get extends CtlCommand {
        @Option(names = "--org", paramLabel = "ORG", description = "The organisation (default: the deployment).")
        String org;

        @Option(names = "--all", description = "The deployment's mode and every organisation's.")
        boolean all;

        @Override
        int execute(CtlClient client) {
            if (all && org != null) {
                throw new CtlException(CtlException.USAGE, "--all and --org exclude each other");
            }
            if (all) {
                ModeListReply reply = as(client.request(ControlAddresses.MODE_LIST, new ModeListRequest()), ModeListReply.class);
                if (json()) {
                    printJson(reply);
                } else {
                    print(out(), reply.modes());
                }
                return 0;
            }
            ModeView view = as(client.request(ControlAddresses.MODE_GET, new ModeGetRequest(org)), ModeView.class);
            if (json()) {
                printJson(view);
            } else {
                print(out(), java.util.List.of(view));
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set the mode of the deployment or of an organisation (--org).",
            "local-only: no job leaves the organisation's own nodes; swarm: overflow to approved mesh nodes;",
            "public: open to approved mesh nodes. Applied by every node within moments."})
    static final class Set extends CtlCommand {
        @Parameters(index = "0", paramLabel = "MODE", description = "local-only, swarm or public.")
        String mode;

        @Option(names = "--org", paramLabel = "ORG", description = "The organisation (default: the deployment).")
        String org;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        @Override
        int execute(CtlClient client) {
            ModeView view = as(client.request(ControlAddresses.MODE_SET, new ModeSetRequest(org, mode, null, reason)), ModeView.class);
            if (json()) {
                printJson(view);
            } else {
                out().printf("%s mode is now %s (effective %s, policy version %d)%n",
                    view.org() == null ? "deployment" : "org " + view.org(), view.mode(), view.effective(), view.version());
            }
            return 0;
        }
    }
}
