package io.edgecoder.ledger.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.edgecoder.core.Json;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.verify.BatchVerifier;
import io.edgecoder.ledger.verify.EntryBatch;
import io.edgecoder.ledger.verify.VerifyPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies an export file offline, without a database: the chain, the checkpoints' roots and
 * signatures, the head and the stored balances, exactly as the database verify does. Blocking.
 * The header, checkpoint and balance lines are read first; then one thread parses the entry
 * lines (by hand when they have the exporter's exact form, see {@link EntryLineParser}) while
 * the calling thread checks them ({@link VerifyPipeline}).
 */
public final class ExportVerifier {
    private static final ObjectReader READER = Json.MAPPER.readerFor(ExportLine.class);
    private static final int BUFFER = 1 << 20;
    private static final int BATCH = 8192;

    private ExportVerifier() {
    }

    public static VerifyReply verify(Path file, Set<String> trustedKeys) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Run(new LineReader(in, BUFFER), trustedKeys).verify();
        }
    }

    /** Parses the current line with the general JSON parser. */
    static ExportLine parseJson(LineReader lines) throws IOException {
        try {
            return READER.readValue(lines.text());
        } catch (JsonProcessingException e) {
            throw new IOException("line " + lines.lineNo() + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** State of one pass over a file. */
    private static final class Run {
        private final LineReader lines;
        private final Set<String> trustedKeys;
        private final List<Checkpoint> checkpoints = new ArrayList<>();
        private final Map<String, Long> stored = new HashMap<>();
        private ExportLine header;

        Run(LineReader lines, Set<String> trustedKeys) {
            this.lines = lines;
            this.trustedKeys = trustedKeys;
        }

        VerifyReply verify() throws IOException {
            header = lines.next() ? parseJson(lines) : null;
            if (header == null || !"h".equals(header.t()) || !ExportLine.FORMAT.equals(header.format())
                || header.version() == null || header.version() != 1) {
                return new VerifyReply(false, 0, null, "not a ledger export (version 1) file: bad header line");
            }
            boolean more = lines.next();
            while (more && !"e".equals(collect(parseJson(lines)))) {
                more = lines.next();
            }
            BatchVerifier verifier = new BatchVerifier(checkpoints, trustedKeys).checkSignaturesAhead();
            if (more) {
                Optional<ChainVerifier.Failure> failure = VerifyPipeline.run(new EntrySource(lines), verifier, BATCH);
                if (failure.isPresent()) {
                    return bad(verifier, failure.get());
                }
            }
            Optional<ChainVerifier.Failure> end = verifier.finish(header.headSeq(), header.headHashBytes());
            return end.map(f -> bad(verifier, f)).orElseGet(() -> balances(verifier));
        }

        /** Keeps a checkpoint or balance line; answers the line's type, "e" for the first entry (left unread). */
        private String collect(ExportLine line) throws IOException {
            if ("e".equals(line.t())) {
                return "e";
            }
            try {
                switch (String.valueOf(line.t())) {
                    case "c" -> checkpoints.add(line.checkpoint());
                    case "b" -> stored.put(line.account(), line.balance());
                    default -> throw new IllegalArgumentException("unexpected line type '" + line.t() + "'");
                }
                return line.t();
            } catch (RuntimeException e) {
                throw new IOException("line " + lines.lineNo() + " is malformed: " + e.getMessage(), e);
            }
        }

        private VerifyReply balances(BatchVerifier verifier) {
            return verifier.checkBalances(stored).map(f -> bad(verifier, f))
                .orElseGet(verifier::okReply);
        }

        private static VerifyReply bad(BatchVerifier verifier, ChainVerifier.Failure f) {
            return new VerifyReply(false, verifier.verified(), f.seq(), f.message());
        }
    }

    /** The entry lines, from the current one on, into batches; runs on the pipeline's reader thread. */
    private static final class EntrySource implements VerifyPipeline.Source {
        private final LineReader lines;
        private final EntryLineParser parser = new EntryLineParser();
        private boolean current = true;

        EntrySource(LineReader lines) {
            this.lines = lines;
        }

        @Override
        public boolean fill(EntryBatch batch) throws IOException {
            while (batch.size() < BATCH) {
                if (!current && !lines.next()) {
                    return false;
                }
                current = false;
                if (!parser.parse(lines.buffer(), lines.start(), lines.end(), batch)) {
                    addParsed(batch, parseJson(lines));
                }
            }
            return true;
        }

        /** A line the hand parser declined, as the entry-object path would take it. */
        private void addParsed(EntryBatch batch, ExportLine line) {
            if (!"e".equals(line.t()) || line.seq() == null) {
                batch.rejectNext("line " + lines.lineNo() + ": expected an entry");
                return;
            }
            try {
                batch.add(line.entry());
            } catch (RuntimeException e) {
                batch.reject(line.seq(), "entry " + line.seq() + ": " + e.getMessage());
            }
        }
    }
}
