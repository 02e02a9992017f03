package io.edgecoder.app.ctl;

import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.AuditEntryView;
import io.edgecoder.core.message.AuditTailReply;
import io.edgecoder.core.message.AuditTailRequest;
import io.edgecoder.core.message.AuditVerifyReply;
import io.edgecoder.core.message.AuditVerifyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ctl audit tail|verify}: the control plane's hash-chained audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Read or verify the control plane's hash-chained audit log.",
    subcommands = {AuditCommand.Tail.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
    @Override
    public void run() {
        throw new CtlException(CtlException.USAGE, "audit needs a subcommand: tail or verify");
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, description = "The last entries (or those after --after), oldest first.")
    static final class Tail extends CtlCommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N entries, 1..1000 (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--after", paramLabel = "SEQ", description = "Entries after this sequence number.")
        Long after;

        @Override
        int execute(CtlClient client) {
            AuditTailReply reply = as(client.request(ControlAddresses.AUDIT_TAIL, new AuditTailRequest(after, limit)), AuditTailReply.class);
            if (json()) {
                printJson(reply);
                return 0;
            }
            Table table = new Table("SEQ", "AT", "ACTOR", "ACTION", "SUBJECT", "DETAIL");
            for (AuditEntryView e : reply.entries()) {
                table.row(e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.detail());
            }
            table.print(out());
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recheck the audit's hash chain.", "Exit 0 intact, 1 broken (the first bad entry is named)."})
    static final class Verify extends CtlCommand {
        @Override
        int execute(CtlClient client) {
            AuditVerifyReply reply = as(client.request(ControlAddresses.AUDIT_VERIFY, new AuditVerifyRequest()), AuditVerifyReply.class);
            if (json()) {
                printJson(reply);
            } else if (reply.ok()) {
                out().printf("audit verified: %d entries, head %s%n", reply.entries(), reply.headHash());
            } else {
                out().printf("audit verification FAILED at entry %d: %s%n", reply.firstBadSeq(), reply.problem());
            }
            return reply.ok() ? 0 : CtlException.OTHER;
        }
    }
}
