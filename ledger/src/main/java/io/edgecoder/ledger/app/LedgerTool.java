package io.edgecoder.ledger.app;

import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.export.ExportVerifier;
import io.edgecoder.ledger.impl.PgLedgerExport;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The operator's ledger commands (the launcher maps {@code edgecoder ledger ...} here):
 * <pre>
 *   verify --file FILE [--trust KEY]...    offline: chain, checkpoints, signatures, balances
 *   verify --db-url URL [--trust KEY]...   the same against the database
 *   export --db-url URL --file FILE        write entries, checkpoints and balances to FILE
 * </pre>
 * Exit status: 0 ok, 1 verification failed, 2 usage or I/O error.
 */
public final class LedgerTool {
    private LedgerTool() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Options o = Options.parse(args);
            return switch (o.command) {
                case "verify" -> report(o.file != null ? ExportVerifier.verify(o.file, o.trust) : verifyDb(o), out);
                case "export" -> export(o, out);
                default -> usage(err, "unknown command '" + o.command + "'");
            };
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static int report(VerifyReply reply, PrintStream out) {
        out.println(reply.ok() ? reply.message() : "FAILED"
            + (reply.firstBadSequence() == null ? "" : " at entry " + reply.firstBadSequence()) + ": " + reply.message());
        return reply.ok() ? 0 : 1;
    }

    private static VerifyReply verifyDb(Options o) {
        return withPool(o, (vertx, pool) -> new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL,
            PgLedgerStore.Tuning.DEFAULT, Clock.systemUTC(), o.trust).verify());
    }

    private static int export(Options o, PrintStream out) {
        if (o.file == null) {
            throw new IllegalArgumentException("export needs --file");
        }
        long n = withPool(o, (vertx, pool) -> new PgLedgerExport(vertx, pool, 10_000).export(o.file));
        out.println("exported " + n + " entries to " + o.file);
        return 0;
    }

    private static <T> T withPool(Options o, java.util.function.BiFunction<Vertx, Pool, Future<T>> action) {
        if (o.dbUrl == null) {
            throw new IllegalArgumentException(o.command + " needs --db-url (or --file for an offline verify)");
        }
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
            .connectingTo(PgConnectOptions.fromUri(o.dbUrl)).using(vertx).build();
        try {
            return action.apply(vertx, pool).toCompletionStage().toCompletableFuture().get(1, TimeUnit.HOURS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        } finally {
            pool.close().compose(v -> vertx.close());
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println("usage: ledger verify --file FILE [--trust KEY]... | verify --db-url URL [--trust KEY]..."
            + " | export --db-url URL --file FILE");
        return 2;
    }

    /** Parsed command line. */
    private static final class Options {
        String command;
        Path file;
        String dbUrl;
        final Set<String> trust = new HashSet<>();

        static Options parse(List<String> args) {
            if (args.isEmpty()) {
                throw new IllegalArgumentException("missing command");
            }
            Options o = new Options();
            o.command = args.get(0);
            for (int i = 1; i < args.size(); i += 2) {
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                if (value == null) {
                    throw new IllegalArgumentException("option " + args.get(i) + " needs a value");
                }
                apply(o, args.get(i), value);
            }
            return o;
        }

        private static void apply(Options o, String option, String value) {
            switch (option) {
                case "--file" -> o.file = Path.of(value);
                case "--db-url" -> o.dbUrl = value;
                case "--trust" -> o.trust.add(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
    }
}
