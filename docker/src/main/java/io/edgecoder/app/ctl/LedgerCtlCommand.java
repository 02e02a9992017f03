package io.edgecoder.app.ctl;

import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/**
 * {@code ctl ledger verify|balances}, asked of the ledger role over the bus (the offline
 * {@code edgecoder ledger verify} reads the database or an export itself).
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Verify the ledger or list balances, through the ledger role.",
    subcommands = {LedgerCtlCommand.Verify.class, LedgerCtlCommand.Balances.class})
final class LedgerCtlCommand implements Runnable {
    @Override
    public void run() {
        throw new CtlException(CtlException.USAGE, "ledger needs a subcommand: verify or balances");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Walk the hash chain and signed checkpoints.", "Exit 0 verified, 1 a check failed (the first bad entry is named)."})
    static final class Verify extends CtlCommand {
        @Override
        int execute(CtlClient client) {
            VerifyReply reply = as(client.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest()), VerifyReply.class);
            if (json()) {
                printJson(reply);
            } else if (reply.ok()) {
                out().printf("ledger verified: %d entries, %d checkpoints, %d entries after the last checkpoint%n", reply.entries(),
                    reply.checkpoints(), reply.unchecked());
            } else {
                out().printf("ledger verification FAILED at entry %s: %s%n", reply.firstBadSequence(), reply.message());
            }
            return reply.ok() ? 0 : CtlException.OTHER;
        }
    }

    @Command(name = "balances", mixinStandardHelpOptions = true, description = "Balances of every account, in credits.")
    static final class Balances extends CtlCommand {
        @Override
        int execute(CtlClient client) {
            BalancesReply reply = as(client.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest()), BalancesReply.class);
            if (json()) {
                printJson(reply);
                return 0;
            }
            Table table = new Table("ACCOUNT", "CREDITS");
            for (Map.Entry<String, Long> e : new TreeMap<>(reply.balances()).entrySet()) {
                table.row(e.getKey(), String.format("%.3f", e.getValue() / 1000.0));
            }
            table.print(out());
            return 0;
        }
    }
}
