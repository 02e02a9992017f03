package io.edgecoder.portal.impl;

import io.edgecoder.core.message.AccountHistoryReply;
import io.edgecoder.core.message.AnchorView;
import io.edgecoder.core.message.CheckpointView;
import io.edgecoder.core.message.ConsistencyProofReply;
import io.edgecoder.core.message.EntryView;
import io.edgecoder.core.message.InclusionProofReply;
import io.edgecoder.core.message.IntentView;
import io.edgecoder.core.message.IssuanceWindowView;
import io.edgecoder.core.message.PriceReply;
import io.edgecoder.core.message.QuoteView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The HTTP representations of the ledger's and the economy's replies (docs/api.md). As in
 * {@link ApiJson}, every documented field is always present, {@code null} when unknown; amounts
 * are integer milli-credits, hashes and signatures hex, keys base64, times ISO-8601.
 */
public final class EconomyJson {
    private EconomyJson() {
    }

    public static JsonObject price(PriceReply p) {
        return new JsonObject().put("priceMilli", p.priceMilli()).put("baseMilli", p.baseMilli())
            .put("minMilli", p.minMilli()).put("maxMilli", p.maxMilli()).put("load", p.load());
    }

    public static JsonObject history(AccountHistoryReply reply) {
        return new JsonObject().put("account", reply.account())
            .put("entries", array(reply.entries(), EconomyJson::entry))
            .put("next", reply.nextAfterSeq());
    }

    static JsonObject entry(EntryView e) {
        return new JsonObject().put("seq", e.seq()).put("at", iso(e.at())).put("kind", e.kind())
            .put("from", e.from()).put("to", e.to()).put("amountMilli", e.amountMilli())
            .put("reference", e.reference()).put("idempotencyKey", e.idempotencyKey()).put("hash", e.hash());
    }

    public static JsonObject quote(QuoteView q) {
        return new JsonObject().put("id", q.id()).put("direction", q.direction())
            .put("creditsMilli", q.creditsMilli()).put("sats", q.sats()).put("usdPerBtc", q.usdPerBtc())
            .put("creditUsdMicro", q.creditUsdMicro()).put("createdAt", iso(q.createdAt()))
            .put("expiresAt", iso(q.expiresAt())).put("signerKey", q.signerKey()).put("signature", q.signature());
    }

    public static JsonObject intent(IntentView i) {
        return new JsonObject().put("id", i.id()).put("account", i.account())
            .put("creditsMilli", i.creditsMilli()).put("sats", i.sats()).put("quoteId", i.quoteId())
            .put("provider", i.provider()).put("status", i.status()).put("instructions", i.instructions())
            .put("failure", i.failure()).put("mintSeq", i.mintSeq()).put("createdAt", iso(i.createdAt()))
            .put("expiresAt", iso(i.expiresAt()));
    }

    public static JsonObject window(IssuanceWindowView w) {
        return new JsonObject().put("start", iso(w.start())).put("end", iso(w.end()))
            .put("contributedMilli", w.contributedMilli()).put("contributors", w.contributors())
            .put("loadPermille", w.loadPermille()).put("rawDailyMilli", w.rawDailyMilli())
            .put("dailyMilli", w.dailyMilli()).put("issuedMilli", w.issuedMilli());
    }

    /** A page of windows; {@code next} is the {@code before} cursor of the following page. */
    public static JsonObject windows(List<IssuanceWindowView> windows, String next) {
        return new JsonObject().put("windows", array(windows, EconomyJson::window)).put("next", next);
    }

    public static JsonObject checkpoints(List<CheckpointView> checkpoints) {
        return new JsonObject().put("checkpoints", array(checkpoints, EconomyJson::checkpoint));
    }

    static JsonObject checkpoint(CheckpointView c) {
        return new JsonObject().put("id", c.id()).put("treeSize", c.treeSize()).put("firstSeq", c.firstSeq())
            .put("root", c.root()).put("headHash", c.headHash()).put("at", iso(c.at()))
            .put("signerNode", c.signerNode()).put("signerKey", c.signerKey()).put("signature", c.signature());
    }

    public static JsonObject anchor(AnchorView a) {
        return new JsonObject().put("checkpointId", a.checkpointId()).put("service", a.service())
            .put("digest", a.digestHex()).put("submittedAt", iso(a.submittedAt()))
            .put("provenAt", iso(a.provenAt())).put("proofBytes", a.proofBytes());
    }

    public static JsonObject anchors(List<AnchorView> anchors) {
        return new JsonObject().put("anchors", array(anchors, EconomyJson::anchor));
    }

    public static JsonObject inclusion(InclusionProofReply p) {
        return new JsonObject().put("seq", p.seq()).put("checkpointId", p.checkpointId())
            .put("treeSize", p.treeSize()).put("entryHash", p.entryHash())
            .put("path", strings(p.path())).put("root", p.root());
    }

    public static JsonObject consistency(ConsistencyProofReply p) {
        return new JsonObject().put("fromId", p.fromId()).put("toId", p.toId())
            .put("fromSize", p.fromSize()).put("toSize", p.toSize())
            .put("fromRoot", p.fromRoot()).put("toRoot", p.toRoot()).put("path", strings(p.path()));
    }

    private static <T> JsonArray array(List<T> items, Function<T, JsonObject> toJson) {
        JsonArray out = new JsonArray();
        if (items != null) {
            items.forEach(item -> out.add(toJson.apply(item)));
        }
        return out;
    }

    private static JsonArray strings(List<String> items) {
        return items == null ? new JsonArray() : new JsonArray(List.copyOf(items));
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
