package io.edgecoder.ledger.export;

import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.verify.TestLedger;
import io.edgecoder.ledger.verify.VerifierContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the offline verifier: the ledger is written as an export file and verified from it. */
class ExportFileVerifierContractTest implements VerifierContract {
    @TempDir
    Path dir;

    @Override
    public VerifyReply verify(TestLedger ledger, Set<String> trustedKeys) throws IOException {
        return ExportVerifier.verify(ledger.write(dir.resolve("ledger.jsonl")), trustedKeys);
    }
}
