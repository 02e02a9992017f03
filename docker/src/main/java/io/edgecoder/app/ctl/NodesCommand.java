package io.edgecoder.app.ctl;

import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.message.NodeListReply;
import io.edgecoder.core.message.NodeListRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.message.ReenrollReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ctl nodes list|approve|reject|revoke}: enrolled nodes and the decisions about them (control role). */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "List enrolled nodes; approve, reject or revoke one.",
    subcommands = {NodesCommand.ListNodes.class, NodesCommand.Approve.class, NodesCommand.Reject.class, NodesCommand.Revoke.class,
        NodesCommand.Withdraw.class, NodesCommand.Reenroll.class})
final class NodesCommand implements Runnable {
    @Override
    public void run() {
        throw new CtlException(CtlException.USAGE, "nodes needs a subcommand: list, approve, reject, revoke, withdraw or reenroll");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Enrolled nodes, newest first.")
    static final class ListNodes extends CtlCommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "Only nodes in this status: pending, approved, rejected, revoked.")
        String status;

        @Override
        int execute(CtlClient client) {
            NodeListReply reply = as(client.request(ControlAddresses.NODE_LIST, new NodeListRequest(status)), NodeListReply.class);
            if (json()) {
                printJson(reply);
                return 0;
            }
            Table table = new Table("NODE", "STATUS", "ORG", "RING", "ROLES", "FINGERPRINT", "ENROLLED", "DECIDED BY");
            for (NodeView n : reply.nodes()) {
                table.row(n.nodeId(), n.status(), n.org(), n.ring(), String.join(",", n.roles()), shortPrint(n.keyFingerprint()),
                    n.enrolledAt(), n.decidedBy());
            }
            table.print(out());
            return 0;
        }

        private static String shortPrint(String fingerprint) {
            return fingerprint == null || fingerprint.length() <= 16 ? fingerprint : fingerprint.substring(0, 16) + "...";
        }
    }

    /** What approve, reject and revoke share: a node id, an optional reason, one address. */
    abstract static class Decision extends CtlCommand {
        @Parameters(index = "0", paramLabel = "NODE_ID", description = "The node's id (see 'ctl nodes list').")
        String nodeId;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        abstract String address();

        @Override
        int execute(CtlClient client) {
            // The bridge sets the actor to the authenticated operator; the client does not name it.
            NodeView view = as(client.request(address(), new NodeDecisionRequest(nodeId, null, reason)),
                NodeView.class);
            if (json()) {
                printJson(view);
            } else {
                out().println("node " + view.nodeId() + " is now " + view.status() + " (by " + view.decidedBy() + ")");
            }
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a pending node: it gets its certificate.")
    static final class Approve extends Decision {
        @Override
        String address() {
            return ControlAddresses.NODE_APPROVE;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending node.")
    static final class Reject extends Decision {
        @Override
        String address() {
            return ControlAddresses.NODE_REJECT;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a pending or approved node: every node refuses its next message.")
    static final class Revoke extends Decision {
        @Override
        String address() {
            return ControlAddresses.NODE_REVOKE;
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Withdraw an approval: the node is pending again and its certificates are refused until approved.")
    static final class Withdraw extends Decision {
        @Override
        String address() {
            return ControlAddresses.NODE_WITHDRAW;
        }
    }

    @Command(name = "reenroll", mixinStandardHelpOptions = true,
        description = "Force re-enrollment: the node is revoked and a fresh single-use token for it is printed, to hand over.")
    static final class Reenroll extends CtlCommand {
        @Parameters(index = "0", paramLabel = "NODE_ID")
        String nodeId;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        @Override
        int execute(CtlClient client) {
            ReenrollReply reply = as(client.request(ControlAddresses.NODE_REENROLL, new NodeDecisionRequest(nodeId, null, reason)),
                ReenrollReply.class);
            if (json()) {
                printJson(reply);
            } else {
                out().println("node " + reply.node().nodeId() + " is now " + reply.node().status() + "; to enroll it again run on it:");
                out().println("  " + reply.token().command());
            }
            return 0;
        }
    }
}
