package io.edgecoder.ledger.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    @Test
    void splitsLinesExactlyLikeBufferedReaderAtAnyBufferSize() throws Exception {
        Random random = new Random(11);
        String[] pieces = {"a", "bc", "é", "\n", "\r", "\r\n", "{\"t\":\"e\"}", "\n\n"};
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            int bufferSize = 1 + random.nextInt(9);
            assertThat(read(text.toString(), bufferSize)).as("%s with a buffer of %d", text, bufferSize)
                .isEqualTo(readBuffered(text.toString()));
        }
    }

    @Test
    void countsLines() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream("x\r\ny\rz".getBytes(StandardCharsets.UTF_8)), 2);
        while (reader.next()) {
            assertThat(reader.lineNo()).isBetween(1L, 3L);
        }
        assertThat(reader.lineNo()).isEqualTo(4);
    }

    private static List<String> read(String text, int bufferSize) throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), bufferSize);
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(reader.text());
        }
        return lines;
    }

    private static List<String> readBuffered(String text) throws Exception {
        BufferedReader reader = new BufferedReader(new StringReader(text));
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }
}
