package io.edgecoder.ledger.verify;

import io.edgecoder.core.Json;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.export.ExportLine;
import io.edgecoder.ledger.merkle.MerkleFrontier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory ledger for verifier tests: a valid chain with signed checkpoints, its head and
 * its stored balances, which a test then tampers with (the lists and map are mutable).
 */
public final class TestLedger {
    public final List<LedgerEntry> entries = new ArrayList<>();
    public final List<Checkpoint> checkpoints = new ArrayList<>();
    public final Map<String, Long> balances = new TreeMap<>();
    public long headSeq;
    public byte[] headHash = ChainHash.genesis();

    /** {@code n} entries among a few accounts, a checkpoint every {@code every} entries (and one at the end). */
    public static TestLedger build(int n, int every, NodeIdentity signer) {
        TestLedger l = new TestLedger();
        MerkleFrontier frontier = new MerkleFrontier();
        Instant at = Instant.parse("2025-03-04T05:06:07.123456Z");
        long covered = 0;
        for (int i = 1; i <= n; i++) {
            LedgerEntry e = entry(i, at.plusMillis(i), EntryKind.values()[i % EntryKind.values().length],
                "user:u" + i % 3, "node:w" + i % 2, 10L + i, "job:" + i / 2, "k" + i, l.headHash);
            l.entries.add(e);
            l.balances.merge(e.from(), -e.amountMilli(), Long::sum);
            l.balances.merge(e.to(), e.amountMilli(), Long::sum);
            l.headSeq = i;
            l.headHash = e.hash();
            frontier.addEntry(e.hash());
            if (i % every == 0 || i == n) {
                l.checkpoints.add(Checkpoint.sign(l.checkpoints.size() + 1, i, covered + 1, frontier.root(), e.hash(),
                    at, signer));
                covered = i;
            }
        }
        return l;
    }

    /** An entry whose hash is right for its content and {@code prev}. */
    public static LedgerEntry entry(long seq, Instant at, EntryKind kind, String from, String to, long amount,
                                    String ref, String key, byte[] prev) {
        byte[] hash = ChainHash.of(seq, at, kind.id(), from, to, amount, ref, key, prev);
        return new LedgerEntry(seq, at, kind, from, to, amount, ref, key, prev, hash);
    }

    /** Entry {@code seq} with another amount, its stored hash kept. */
    public void changeAmount(long seq, long amount) {
        LedgerEntry e = entries.get((int) seq - 1);
        entries.set((int) seq - 1, new LedgerEntry(e.seq(), e.at(), e.kind(), e.from(), e.to(), amount, e.reference(),
            e.idempotencyKey(), e.prevHash(), e.hash()));
    }

    /** The reference result: the simple verifier over entry objects, then head, then balances. */
    public VerifyReply verifySimply(java.util.Set<String> trusted) {
        ChainVerifier v = new ChainVerifier(checkpoints, trusted);
        for (LedgerEntry e : entries) {
            Optional<ChainVerifier.Failure> f = v.accept(e);
            if (f.isPresent()) {
                return new VerifyReply(false, v.verified(), f.get().seq(), f.get().message());
            }
        }
        Optional<ChainVerifier.Failure> f = v.finish(headSeq, headHash).or(() -> v.checkBalances(balances));
        return f.map(x -> new VerifyReply(false, v.verified(), x.seq(), x.message()))
            .orElseGet(v::okReply);
    }

    /** Writes the ledger as an export file, as the exporter does. */
    public Path write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(json(ExportLine.header(headSeq, headHash)));
        checkpoints.forEach(c -> lines.add(json(ExportLine.of(c))));
        balances.forEach((account, balance) -> lines.add(json(ExportLine.balance(account, balance))));
        entries.forEach(e -> lines.add(json(ExportLine.of(e))));
        try {
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(ExportLine line) {
        try {
            return Json.MAPPER.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
