package io.edgecoder.ledger.verify;

import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.ChainVerifier;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/** The contract against the batch verifier fed by the two-thread pipeline, three entries a batch. */
class PipelinedVerifierContractTest implements VerifierContract {
    static final int BATCH = 3;

    @Override
    public VerifyReply verify(TestLedger ledger, Set<String> trustedKeys) throws IOException {
        return verifyPipelined(ledger, trustedKeys, BATCH, true);
    }

    /** @param signaturesAhead whether checkpoint signatures are checked ahead on their own thread */
    static VerifyReply verifyPipelined(TestLedger ledger, Set<String> trustedKeys, int batchSize, boolean signaturesAhead)
        throws IOException {
        BatchVerifier v = new BatchVerifier(ledger.checkpoints, trustedKeys);
        if (signaturesAhead) {
            v.checkSignaturesAhead();
        }
        int[] next = {0};
        Optional<ChainVerifier.Failure> f = VerifyPipeline.run(batch -> {
            while (batch.size() < batchSize && next[0] < ledger.entries.size()) {
                batch.add(ledger.entries.get(next[0]++));
            }
            return next[0] < ledger.entries.size();
        }, v, batchSize);
        if (f.isEmpty()) {
            f = v.finish(ledger.headSeq, ledger.headHash).or(() -> v.checkBalances(ledger.balances));
        }
        return f.map(x -> new VerifyReply(false, v.verified(), x.seq(), x.message()))
            .orElseGet(v::okReply);
    }
}
