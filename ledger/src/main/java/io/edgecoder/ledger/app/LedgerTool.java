package io.edgecoder.ledger.app;

import io.edgecoder.core.db.DbUrls;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.export.ExportVerifier;
import io.edgecoder.ledger.impl.PgLedgerExport;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.edgecoder.ledger.verify.CheckpointCheck;
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
 *   verify --file FILE [--trust KEY]... [--trust-any-signer]    offline: chain, checkpoints, signatures, balances
 *   verify --db-url URL [--trust KEY]... [--trust-any-signer]   the same against the database
 *   export --db-url URL --file FILE        write entries, checkpoints and balances to FILE
 * </pre>
 * Checkpoints must be signed by a key given with {@code --trust}; with none, the first checkpoint
 * fails naming its signer, unless {@code --trust-any-signer} accepts any valid signature.
 * Exit status: 0 every entry verified and covered by a trusted checkpoint, 1 verification
 * failed, 2 usage or I/O error, 3 everything verified but some entries after the last checkpoint
 * are covered by no signed checkpoint (their count is printed).
 */
public final class LedgerTool {
    /** Exit status: every check passed, but entries after the last checkpoint are covered by no signature. */
    public static final int EXIT_UNCHECKED = 3;
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
            err.println("error: " + DbUrls.redact(e.getMessage()));
            return 2;
        }
    }

    private static int report(VerifyReply reply, PrintStream out) {
        out.println(reply.ok() ? reply.message() : "FAILED"
            + (reply.firstBadSequence() == null ? "" : " at entry " + reply.firstBadSequence()) + ": " + reply.message());
        return !reply.ok() ? 1 : reply.complete() ? 0 : EXIT_UNCHECKED;
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

    /** A key given with --trust: base64 of an X.509 Ed25519 public key (so a typo is a usage error, not a failed verify). */
    private static String trustedKey(String value) {
        try {
            java.security.KeyFactory.getInstance("Ed25519").generatePublic(
                new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(value)));
            return value;
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("--trust needs a base64 Ed25519 public key (as in identity/node.pub), got '"
                + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + "'");
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + DbUrls.redact(problem));
        err.println("usage: ledger verify --file FILE [--trust KEY]... [--trust-any-signer]"
            + " | verify --db-url URL [--trust KEY]... [--trust-any-signer] | export --db-url URL --file FILE");
        return 2;
    }

    /** Accept checkpoints signed by any key (the operator vouches for the signer some other way). */
    public static final String ANY_SIGNER_FLAG = "--trust-any-signer";

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
                if (args.get(i).equals(ANY_SIGNER_FLAG)) {
                    o.trust.add(CheckpointCheck.ANY_SIGNER);
                    i--;
                    continue;
                }
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
                case "--trust" -> o.trust.add(trustedKey(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
    }
}
