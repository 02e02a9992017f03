package io.edgecoder.ledger.verify;

import io.edgecoder.core.message.VerifyReply;
import java.util.Set;

/** The contract against the simple verifier over entry objects (the reference). */
class SimpleVerifierContractTest implements VerifierContract {
    @Override
    public VerifyReply verify(TestLedger ledger, Set<String> trustedKeys) {
        return ledger.verifySimply(trustedKeys);
    }
}
