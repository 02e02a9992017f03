package io.edgecoder.ledger.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory part of one group commit: starting from the locked chain head, the entries
 * already stored under the batch's keys and the payers' balances, it turns each caller's
 * drafts into chained entries, or refuses that caller alone (409 key reused with other
 * content, 422 balance rule). A refused caller leaves no trace in the batch.
 */
final class BatchPlan {
    private final Instant at;
    private final BalanceRule rule;
    private final Map<String, LedgerEntry> byKey;
    private final Map<String, Long> balances;
    private final Map<String, Long> creditLines;
    private final List<LedgerEntry> fresh = new ArrayList<>();
    private final Map<String, Long> deltas = new LinkedHashMap<>();
    private long seq;
    private byte[] hash;

    BatchPlan(long headSeq, byte[] headHash, Map<String, LedgerEntry> existing, Map<String, Long> balances,
              BalanceRule rule, Instant at) {
        this(headSeq, headHash, existing, balances, Map.of(), rule, at);
    }

    BatchPlan(long headSeq, byte[] headHash, Map<String, LedgerEntry> existing, Map<String, Long> balances,
              Map<String, Long> creditLines, BalanceRule rule, Instant at) {
        this.creditLines = creditLines;
        this.seq = headSeq;
        this.hash = headHash;
        this.byKey = new HashMap<>(existing);
        this.balances = new HashMap<>(balances);
        this.rule = rule;
        this.at = ChainHash.truncate(at);
    }

    /** Plans one caller's drafts; throws {@link MeshException} when they are refused. */
    List<LedgerEntry> add(List<EntryDraft> drafts) {
        Trial trial = new Trial();
        List<LedgerEntry> answer = new ArrayList<>(drafts.size());
        for (EntryDraft draft : drafts) {
            answer.add(trial.place(draft));
        }
        trial.commit();
        return answer;
    }

    List<LedgerEntry> freshEntries() {
        return fresh;
    }

    Map<String, Long> balanceDeltas() {
        return deltas;
    }

    long headSeq() {
        return seq;
    }

    byte[] headHash() {
        return hash;
    }

    /** Tentative state of one caller, merged only when all its drafts are accepted. */
    private final class Trial {
        private final Map<String, LedgerEntry> keys = new HashMap<>();
        private final List<LedgerEntry> entries = new ArrayList<>();
        private final Map<String, Long> moved = new HashMap<>();
        private long trialSeq = seq;
        private byte[] trialHash = hash;

        LedgerEntry place(EntryDraft draft) {
            LedgerEntry known = keys.getOrDefault(draft.idempotencyKey(), byKey.get(draft.idempotencyKey()));
            if (known != null) {
                if (!draft.sameAs(known)) {
                    throw new MeshException(ErrorCode.CONFLICT, "idempotency key '" + draft.idempotencyKey()
                        + "' was already used for a different entry (seq " + known.seq() + ")");
                }
                return known;
            }
            checkBalance(draft);
            LedgerEntry entry = chain(draft);
            keys.put(draft.idempotencyKey(), entry);
            entries.add(entry);
            moved.merge(draft.from(), -draft.amountMilli(), Math::addExact);
            moved.merge(draft.to(), draft.amountMilli(), Math::addExact);
            return entry;
        }

        private void checkBalance(EntryDraft draft) {
            if (!rule.checksBalances()) {
                return;
            }
            long now = balances.getOrDefault(draft.from(), 0L) + moved.getOrDefault(draft.from(), 0L);
            long after = Math.subtractExact(now, draft.amountMilli());
            rule.refuse(draft.from(), after, creditLines.get(draft.from())).ifPresent(reason -> {
                throw MeshException.policy(reason);
            });
        }

        private LedgerEntry chain(EntryDraft d) {
            trialSeq++;
            byte[] h = ChainHash.of(trialSeq, at, d.kind().id(), d.from(), d.to(), d.amountMilli(), d.reference(),
                d.idempotencyKey(), trialHash);
            LedgerEntry entry = new LedgerEntry(trialSeq, at, d.kind(), d.from(), d.to(), d.amountMilli(),
                d.reference(), d.idempotencyKey(), trialHash, h);
            trialHash = h;
            return entry;
        }

        void commit() {
            byKey.putAll(keys);
            fresh.addAll(entries);
            moved.forEach((account, delta) -> {
                balances.merge(account, delta, Math::addExact);
                deltas.merge(account, delta, Math::addExact);
            });
            seq = trialSeq;
            hash = trialHash;
        }
    }
}
