package io.edgecoder.ledger.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One line of a ledger export file (JSON Lines, UTF-8). {@code t} says what the line holds:
 * {@code h} header (format, version, head), {@code c} checkpoint, {@code b} stored balance,
 * {@code e} entry. Times are microseconds since the epoch, hashes and signatures lower-case hex.
 * Order in a file: header, checkpoints, balances, entries by sequence.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportLine(String t, String format, Integer version, Long headSeq, String headHash,
                         Long seq, Long at, String kind, String from, String to, Long amount, String ref, String key,
                         String prev, String hash,
                         Long id, Long treeSize, Long firstSeq, String root, String signerNode, String signerKey,
                         String signature,
                         String account, Long balance) {
    public static final String FORMAT = "edgecoder-ledger-export";
    private static final HexFormat HEX = HexFormat.of();

    public static ExportLine header(long headSeq, byte[] headHash) {
        return new ExportLine("h", FORMAT, 1, headSeq, HEX.formatHex(headHash), null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static ExportLine of(LedgerEntry e) {
        return new ExportLine("e", null, null, null, null, e.seq(), micros(e.at()), e.kind().id(), e.from(), e.to(),
            e.amountMilli(), e.reference(), e.idempotencyKey(), HEX.formatHex(e.prevHash()), HEX.formatHex(e.hash()),
            null, null, null, null, null, null, null, null, null);
    }

    public static ExportLine of(Checkpoint c) {
        return new ExportLine("c", null, null, null, HEX.formatHex(c.headHash()), null, micros(c.at()), null, null,
            null, null, null, null, null, null, c.id(), c.treeSize(), c.firstSeq(), HEX.formatHex(c.root()),
            c.signerNode(), c.signerKey(), HEX.formatHex(c.signature()), null, null);
    }

    public static ExportLine balance(String account, long balance) {
        return new ExportLine("b", null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, account, balance);
    }

    /** The entry of an {@code e} line; unknown kinds or bad hex throw {@link IllegalArgumentException}. */
    public LedgerEntry entry() {
        return new LedgerEntry(seq, instant(at), EntryKind.of(kind), from, to, amount, ref, key,
            HEX.parseHex(prev), HEX.parseHex(hash));
    }

    public Checkpoint checkpoint() {
        return new Checkpoint(id, treeSize, firstSeq, HEX.parseHex(root), HEX.parseHex(headHash), instant(at),
            signerNode, signerKey, HEX.parseHex(signature));
    }

    public byte[] headHashBytes() {
        return HEX.parseHex(headHash);
    }

    private static long micros(Instant at) {
        return io.edgecoder.ledger.ChainHash.micros(at);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
