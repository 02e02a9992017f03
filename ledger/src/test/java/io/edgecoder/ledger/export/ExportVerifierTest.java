package io.edgecoder.ledger.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.verify.TestLedger;
import io.edgecoder.ledger.verify.VerifierContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export-file cases beyond the shared contract: lines the hand parser declines, line ends, big files. */
class ExportVerifierTest {
    private static final Set<String> TRUSTED = Set.of(VerifierContract.SIGNER.publicKeyBase64());
    @TempDir
    Path dir;
    private Path file;
    private List<String> lines;

    @BeforeEach
    void exportOfTwentyEntries() throws IOException {
        file = TestLedger.build(20, 7, VerifierContract.SIGNER).write(dir.resolve("ledger.jsonl"));
        lines = Files.readAllLines(file);
    }

    /** Index of entry {@code seq}'s line (header, 3 checkpoints, 5 balances, then entries). */
    private int entryLine(long seq) {
        int i = lines.indexOf(lines.stream().filter(l -> l.startsWith("{\"t\":\"e\",\"seq\":" + seq + ",")).findFirst()
            .orElseThrow());
        assertThat(i).isEqualTo(8 + (int) seq);
        return i;
    }

    private VerifyReply verifyWith(long seq, UnaryOperator<String> edit) throws IOException {
        int i = entryLine(seq);
        lines.set(i, edit.apply(lines.get(i)));
        Files.write(file, lines);
        return ExportVerifier.verify(file, TRUSTED);
    }

    @Test
    void entryLinesInAnotherJsonFormVerifyTheSame() throws IOException {
        VerifyReply reply = verifyWith(5, l -> l.replace(",\"amount\":", ", \"amount\" : ").replace("\"user:", "\"\\u0075ser:"));
        assertThat(reply).isEqualTo(new VerifyReply(true, 20, null, "ok: 20 entries and 3 checkpoints verified", 3, 0));
    }

    @Test
    void unknownKindIsNamedWhicheverParserReadsTheLine() throws IOException {
        assertThat(verifyWith(5, l -> l.replaceAll("\"kind\":\"[a-z]+\"", "\"kind\":\"gift\"")))
            .isEqualTo(new VerifyReply(false, 4, 5L, "entry 5: unknown entry kind 'gift'"));
        assertThat(verifyWith(3, l -> l.replaceAll("\"kind\":\"[a-z]+\"", "\"kind\" : \"gift\"")))
            .isEqualTo(new VerifyReply(false, 2, 3L, "entry 3: unknown entry kind 'gift'"));
    }

    @Test
    void aLineThatIsNotAnEntryAmongEntriesIsNamedAtTheNextEntry() throws IOException {
        VerifyReply reply = verifyWith(6, l -> "{\"t\":\"b\",\"account\":\"x\",\"balance\":1}");
        assertThat(reply).isEqualTo(new VerifyReply(false, 5, 6L, "line 15: expected an entry"));
    }

    @Test
    void malformedJsonIsAnErrorOnlyWhenReachedBeforeAFailure() throws IOException {
        lines.set(entryLine(9), "{not json");
        Files.write(file, lines);
        assertThatThrownBy(() -> ExportVerifier.verify(file, TRUSTED)).isInstanceOf(IOException.class)
            .hasMessageStartingWith("line 18 is not valid JSON");
        lines.set(entryLine(4), lines.get(entryLine(4)).replace("\"amount\":", "\"amount\":1"));
        Files.write(file, lines);
        assertThat(ExportVerifier.verify(file, TRUSTED).firstBadSequence()).isEqualTo(4L);
    }

    @Test
    void anEmptyLedgerVerifies() throws IOException {
        Path empty = TestLedger.build(0, 7, VerifierContract.SIGNER).write(dir.resolve("empty.jsonl"));
        assertThat(ExportVerifier.verify(empty, TRUSTED))
            .isEqualTo(new VerifyReply(true, 0, null, "ok: 0 entries and 0 checkpoints verified", 0, 0));
    }

    @Test
    void windowsLineEndsVerify() throws IOException {
        Files.writeString(file, String.join("\r\n", lines) + "\r\n");
        assertThat(ExportVerifier.verify(file, TRUSTED).ok()).isTrue();
    }

    @Test
    void largeFilesAreCheckedAcrossBuffersAndBatches() throws IOException {
        TestLedger big = TestLedger.build(20_000, 5000, VerifierContract.SIGNER);
        Path bigFile = big.write(dir.resolve("big.jsonl"));
        assertThat(Files.size(bigFile)).isGreaterThan(2L << 20);
        assertThat(ExportVerifier.verify(bigFile, TRUSTED))
            .isEqualTo(new VerifyReply(true, 20_000, null, "ok: 20000 entries and 4 checkpoints verified", 4, 0));
        big.changeAmount(8193, 1);
        assertThat(ExportVerifier.verify(big.write(bigFile), TRUSTED))
            .isEqualTo(new VerifyReply(false, 8192, 8193L, "entry 8193: stored hash does not match its content"));
    }
}
