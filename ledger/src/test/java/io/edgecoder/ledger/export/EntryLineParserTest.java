package io.edgecoder.ledger.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Json;
import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.verify.EntryBatch;
import io.edgecoder.ledger.verify.EntryBatchProbe;
import io.edgecoder.ledger.verify.TestLedger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryLineParserTest {
    private static final String LINE = "{\"t\":\"e\",\"seq\":12,\"at\":1741064767123456,\"kind\":\"earn\",\"from\":\"user:u1\","
        + "\"to\":\"node:w0\",\"amount\":22,\"ref\":\"job:6\",\"key\":\"k12\",\"prev\":\"" + "ab".repeat(32)
        + "\",\"hash\":\"" + "cd".repeat(32) + "\"}";

    private static boolean parse(String line, EntryBatch batch) {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        return new EntryLineParser().parse(bytes, 2, bytes.length - 2, batch);
    }

    /** What the general parser makes of the line, laid out in a batch. */
    private static byte[] viaJackson(String line) throws Exception {
        EntryBatch batch = new EntryBatch(1);
        batch.add(Json.MAPPER.readValue(line, ExportLine.class).entry());
        return EntryBatchProbe.encoding(batch, 0);
    }

    @Test
    void theExportersLinesParseToWhatTheJsonParserReads() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] prev = new byte[32];
            random.nextBytes(prev);
            LedgerEntry e = TestLedger.entry(random.nextInt(1 << 30) * (random.nextBoolean() ? 1L : 1L << 20),
                Instant.ofEpochSecond(random.nextInt() / 2, random.nextInt(1_000_000) * 1000L),
                EntryKind.values()[random.nextInt(8)], "user:" + random.nextInt(), "node:n" + i, 1 + random.nextInt(),
                "job:" + random.nextLong(), "settle:" + i + ":fee", prev);
            String line = Json.MAPPER.writeValueAsString(ExportLine.of(e));
            EntryBatch batch = new EntryBatch(1);
            assertThat(parse(line, batch)).as(line).isTrue();
            assertThat(EntryBatchProbe.encoding(batch, 0)).isEqualTo(viaJackson(line)).isEqualTo(ChainHash.encode(
                e.seq(), e.at(), e.kind().id(), e.from(), e.to(), e.amountMilli(), e.reference(), e.idempotencyKey(), prev));
            assertThat(EntryBatchProbe.hashEquals(batch, 0, e.hash())).isTrue();
        }
    }

    @Test
    void upperCaseHexMeansWhatTheJsonParserReads() throws Exception {
        String line = LINE.replace("ab".repeat(32), "AB".repeat(32));
        EntryBatch batch = new EntryBatch(1);
        assertThat(parse(line, batch)).isTrue();
        assertThat(EntryBatchProbe.encoding(batch, 0)).isEqualTo(viaJackson(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"t\": \"e\",\"seq\":12,",
        "{\"seq\":12,\"t\":\"e\",",
        "\"user:u1\"→\"user:\\u0075\"",
        "\"user:u1\"→\"usér\"",
        "\"seq\":12→\"seq\":012",
        "\"seq\":12→\"seq\":-0",
        "\"seq\":12→\"seq\":1234567890123456789",
        "\"seq\":12→\"seq\":12.0",
        "\"amount\":22→\"amount\":\"22\"",
        "\"k12\"→\"k12\",\"extra\":1",
        "\"}→\"} ",
        "\"}→\"}}",
        "cdcd\"→cdc\"",
        "cdcd\"→cdcdcd\"",
        "cdcd\"→cdcx\"",
    })
    void anythingElseIsLeftToTheJsonParser(String edit) {
        String line = edit.contains("→") ? LINE.replace(edit.split("→")[0], edit.split("→")[1])
            : LINE.replace("{\"t\":\"e\",\"seq\":12,", edit);
        assertThat(line).isNotEqualTo(LINE);
        EntryBatch batch = new EntryBatch(1);
        assertThat(parse(line, batch)).isFalse();
        assertThat(batch.size()).isZero();
    }
}
