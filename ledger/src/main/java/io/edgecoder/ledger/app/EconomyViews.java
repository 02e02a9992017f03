package io.edgecoder.ledger.app;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.CheckpointView;
import io.edgecoder.core.message.ConsistencyProofReply;
import io.edgecoder.core.message.EntryView;
import io.edgecoder.core.message.InclusionProofReply;
import io.edgecoder.core.message.IntentView;
import io.edgecoder.core.message.IssuanceWindowView;
import io.edgecoder.core.message.QuoteView;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.Proofs;
import io.edgecoder.ledger.economy.IssuanceCalculator;
import io.edgecoder.ledger.economy.PaymentIntent;
import io.edgecoder.ledger.economy.Quote;
import java.util.HexFormat;
import java.util.List;

/** Conversions between the ledger's types and the bus records of mesh-core (hashes as hex). */
final class EconomyViews {
    private static final HexFormat HEX = HexFormat.of();

    private EconomyViews() {
    }

    static EntryView entry(LedgerEntry e) {
        return new EntryView(e.seq(), e.at(), e.kind().id(), e.from(), e.to(), e.amountMilli(), e.reference(),
            e.idempotencyKey(), HEX.formatHex(e.hash()));
    }

    static QuoteView quote(Quote q) {
        return new QuoteView(q.id(), q.direction(), q.creditsMilli(), q.sats(), q.usdPerBtc(), q.creditUsdMicro(),
            q.createdAt(), q.expiresAt(), q.signerKey(), HEX.formatHex(q.signature()));
    }

    static Quote quote(QuoteView v) {
        if (v == null || v.id() == null || v.direction() == null || v.createdAt() == null || v.expiresAt() == null) {
            throw MeshException.badRequest("quote is required with id, direction, createdAt and expiresAt");
        }
        try {
            return new Quote(v.id(), v.direction(), v.creditsMilli(), v.sats(), v.usdPerBtc(), v.creditUsdMicro(),
                v.createdAt(), v.expiresAt(), v.signerKey(), v.signature() == null ? null : HEX.parseHex(v.signature()));
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest("quote.signature must be hex");
        }
    }

    static IntentView intent(PaymentIntent i) {
        return new IntentView(i.id(), i.account(), i.creditsMilli(), i.sats(), i.quoteId(), i.provider(), i.status(),
            i.instructions(), i.failure(), i.mintSeq(), i.createdAt(), i.expiresAt());
    }

    static IssuanceWindowView window(IssuanceCalculator.Window w) {
        return new IssuanceWindowView(w.start(), w.end(), w.contributedMilli(), w.contributors(), w.loadPermille(),
            w.rawDailyMilli(), w.dailyMilli(), w.issuedMilli());
    }

    static CheckpointView checkpoint(Checkpoint c) {
        return new CheckpointView(c.id(), c.treeSize(), c.firstSeq(), HEX.formatHex(c.root()),
            HEX.formatHex(c.headHash()), c.at(), c.signerNode(), c.signerKey(), HEX.formatHex(c.signature()));
    }

    static InclusionProofReply inclusion(Proofs.Inclusion p) {
        return new InclusionProofReply(p.seq(), p.checkpointId(), p.treeSize(), HEX.formatHex(p.entryHash()),
            hex(p.path()), HEX.formatHex(p.root()));
    }

    static ConsistencyProofReply consistency(Proofs.Consistency p) {
        return new ConsistencyProofReply(p.fromId(), p.toId(), p.fromSize(), p.toSize(), HEX.formatHex(p.fromRoot()),
            HEX.formatHex(p.toRoot()), hex(p.path()));
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
