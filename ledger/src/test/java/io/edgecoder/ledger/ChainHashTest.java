package io.edgecoder.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChainHashTest {
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.123456Z");
    private static final byte[] PREV = ChainHash.genesis();

    private static byte[] hash(long seq, String from, String to, long amount, String ref, String key) {
        return ChainHash.of(seq, AT, "earn", from, to, amount, ref, key, PREV);
    }

    @Test
    void encodingIsTheDocumentedLayout() {
        byte[] bytes = ChainHash.encode(1, Instant.EPOCH.plusNanos(2_000), "k", "a", "b", 3, "r", "i", PREV);
        String hex = HexFormat.of().formatHex(bytes);
        assertThat(hex).isEqualTo("45434c31" + "0000000000000001" + "0000000000000002"
            + "000000016b" + "0000000161" + "0000000162" + "0000000000000003"
            + "0000000172" + "0000000169" + "00".repeat(32));
    }

    @Test
    void hashIsTheSha256OfTheEncoding() {
        byte[] bytes = ChainHash.encode(7, AT, "earn", "user:a", "node:b", 5, "job:j", "settle:x", PREV);
        assertThat(ChainHash.of(7, AT, "earn", "user:a", "node:b", 5, "job:j", "settle:x", PREV))
            .isEqualTo(ChainHash.digest(bytes)).hasSize(32);
    }

    @Test
    void everyFieldChangesTheHash() {
        byte[] base = hash(1, "user:a", "node:b", 5, "job:j", "k");
        assertThat(hash(2, "user:a", "node:b", 5, "job:j", "k")).isNotEqualTo(base);
        assertThat(hash(1, "user:x", "node:b", 5, "job:j", "k")).isNotEqualTo(base);
        assertThat(hash(1, "user:a", "node:x", 5, "job:j", "k")).isNotEqualTo(base);
        assertThat(hash(1, "user:a", "node:b", 6, "job:j", "k")).isNotEqualTo(base);
        assertThat(hash(1, "user:a", "node:b", 5, "job:x", "k")).isNotEqualTo(base);
        assertThat(hash(1, "user:a", "node:b", 5, "job:j", "x")).isNotEqualTo(base);
        assertThat(ChainHash.of(1, AT.plusNanos(1000), "earn", "user:a", "node:b", 5, "job:j", "k", PREV)).isNotEqualTo(base);
        assertThat(ChainHash.of(1, AT, "spend", "user:a", "node:b", 5, "job:j", "k", PREV)).isNotEqualTo(base);
        byte[] otherPrev = ChainHash.genesis();
        otherPrev[31] = 1;
        assertThat(ChainHash.of(1, AT, "earn", "user:a", "node:b", 5, "job:j", "k", otherPrev)).isNotEqualTo(base);
    }

    @Test
    void movingCharactersBetweenFieldsChangesTheHash() {
        assertThat(hash(1, "user:ab", "node:c", 5, "r", "k")).isNotEqualTo(hash(1, "user:a", "bnode:c", 5, "r", "k"));
        assertThat(hash(1, "user:a", "node:b", 5, "rk", "")).isNotEqualTo(hash(1, "user:a", "node:b", 5, "r", "k"));
    }

    @Test
    void subMicrosecondPrecisionIsNotPartOfTheHash() {
        assertThat(ChainHash.truncate(Instant.parse("2025-01-02T03:04:05.123456789Z")))
            .isEqualTo(Instant.parse("2025-01-02T03:04:05.123456Z"));
    }

    @Test
    void previousHashMustBe32Bytes() {
        assertThatThrownBy(() -> ChainHash.of(1, AT, "earn", "a", "b", 1, "r", "k", new byte[31]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
