package io.edgecoder.ledger.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {
    private static final byte[] ALPHABET = {'a', 'Z', '0', ' ', '~', '"', '\\', '\n', '\r', 0, 0x1f, 0x20, 0x7e, 0x7f,
        (byte) 0x80, (byte) 0xc3, (byte) 0xff, '!', '#', '[', ']', '{', '}'};

    @Test
    void eightByteSearchesFindWhatAByteLoopFinds() {
        Random random = new Random(5);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            assertThat(Bytes.lineEnd(b, from, to)).isEqualTo(scan(b, from, to, true));
            assertThat(Bytes.stringEnd(b, from, to)).isEqualTo(scan(b, from, to, false));
        }
    }

    private static int scan(byte[] b, int from, int to, boolean lines) {
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            boolean stop = lines ? c == '\n' || c == '\r' : c < 0x20 || c >= 0x7f || c == '"' || c == '\\';
            if (stop) {
                return i;
            }
        }
        return to;
    }
}
