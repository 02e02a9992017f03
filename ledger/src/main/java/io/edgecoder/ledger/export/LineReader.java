package io.edgecoder.ledger.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines as byte ranges of one reusable buffer, without making a String per line. Line
 * ends are those of {@link java.io.BufferedReader#readLine()}: {@code \n}, {@code \r} or
 * {@code \r\n}; a last line without one still counts. Not thread-safe.
 */
final class LineReader {
    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;
    private long lineNo;

    LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        lineNo++;
        int i = pos;
        while (true) {
            i = Bytes.lineEnd(buf, i, limit);
            boolean found = i < limit;
            if (found && !(buf[i] == '\r' && i + 1 == limit && !eof)) {
                start = pos;
                end = i;
                pos = buf[i] == '\r' && i + 1 < limit && buf[i + 1] == '\n' ? i + 2 : i + 1;
                return true;
            }
            if (!found && eof) {
                return lastLine();
            }
            i -= pos;
            fill();
            i += pos;
        }
    }

    private boolean lastLine() {
        if (pos == limit) {
            return false;
        }
        start = pos;
        end = limit;
        pos = limit;
        return true;
    }

    /** Moves the unread rest to the front (growing the buffer if a line fills it) and reads more. */
    private void fill() throws IOException {
        int rest = limit - pos;
        if (rest == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, rest);
        }
        pos = 0;
        limit = rest;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    long lineNo() {
        return lineNo;
    }

    /** The current line as text; malformed UTF-8 throws, as a strict reader would. */
    String text() throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(buf, start, end - start)).toString();
    }
}
