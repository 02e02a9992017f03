package io.edgecoder.app.ctl;

import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.BlacklistAddRequest;
import io.edgecoder.core.message.BlacklistListReply;
import io.edgecoder.core.message.BlacklistListRequest;
import io.edgecoder.core.message.BlacklistRemoveRequest;
import io.edgecoder.core.message.BlacklistView;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ctl blacklist add|remove|list}: bar a node key, node, account or organisation from the mesh. */
@Command(name = "blacklist", mixinStandardHelpOptions = true, description = "Bar a node, node key, account or organisation; lift or list bars.",
    subcommands = {BlacklistCommand.Add.class, BlacklistCommand.Remove.class, BlacklistCommand.ListEntries.class})
final class BlacklistCommand implements Runnable {
    @Override
    public void run() {
        throw new CtlException(CtlException.USAGE, "blacklist needs a subcommand: add, remove or list");
    }

    static void print(java.io.PrintWriter out, Iterable<BlacklistView> entries) {
        Table table = new Table("ID", "KIND", "VALUE", "AUTHOR", "CREATED", "EXPIRES", "REMOVED BY", "REASON");
        for (BlacklistView b : entries) {
            table.row(b.id(), b.kind(), b.value(), b.author(), b.createdAt(), b.expiresAt(), b.removedBy(), b.reason());
        }
        table.print(out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Bar a subject: its connections are dropped, it gets no work, its pending results are refused,",
            "its unpaid earnings are held for review."})
    static final class Add extends CtlCommand {
        @Parameters(index = "0", paramLabel = "KIND", description = "node, node-key, account or org.")
        String kind;

        @Parameters(index = "1", paramLabel = "VALUE", description = "The node id, base64 public key, account or organisation.")
        String value;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required, kept with the entry).")
        String reason;

        @Option(names = "--evidence", paramLabel = "URL", description = "An http(s) link to the evidence.")
        String evidence;

        @Option(names = "--expires", paramLabel = "WHEN",
            description = "When the bar lapses: an ISO instant (2026-12-31T00:00:00Z) or a duration from now (PT24H, P7D).")
        String expires;

        @Override
        int execute(CtlClient client) {
            BlacklistView view = as(client.request(ControlAddresses.BLACKLIST_ADD,
                new BlacklistAddRequest(kind, value, reason, evidence, null, expiry(expires))), BlacklistView.class);
            if (json()) {
                printJson(view);
            } else {
                out().printf("blacklisted %s %s as entry %d (policy version %d)%n", view.kind(), view.value(), view.id(), view.version());
            }
            return 0;
        }

        static Instant expiry(String text) {
            if (text == null) {
                return null;
            }
            try {
                return text.startsWith("P") ? Instant.now().plus(Duration.parse(text)) : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new CtlException(CtlException.USAGE, "--expires must be an ISO instant or a duration such as PT24H, got '"
                    + text + "'");
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Lift a blacklist entry by id.")
    static final class Remove extends CtlCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The entry's id (see 'ctl blacklist list').")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        @Override
        int execute(CtlClient client) {
            BlacklistView view = as(client.request(ControlAddresses.BLACKLIST_REMOVE, new BlacklistRemoveRequest(id, null, reason)),
                BlacklistView.class);
            if (json()) {
                printJson(view);
            } else {
                out().printf("lifted entry %d (%s %s)%n", view.id(), view.kind(), view.value());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Active entries, newest first (--all: every entry ever made).")
    static final class ListEntries extends CtlCommand {
        @Option(names = "--all", description = "Include lifted and expired entries.")
        boolean all;

        @Override
        int execute(CtlClient client) {
            BlacklistListReply reply = as(client.request(ControlAddresses.BLACKLIST_LIST, new BlacklistListRequest(all)),
                BlacklistListReply.class);
            if (json()) {
                printJson(reply);
            } else {
                print(out(), reply.entries());
            }
            return 0;
        }
    }
}
