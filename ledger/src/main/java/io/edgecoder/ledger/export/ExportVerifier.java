package io.edgecoder.ledger.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.edgecoder.core.Json;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.Checkpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 */
public final class ExportVerifier {
    private static final ObjectReader READER = Json.MAPPER.readerFor(ExportLine.class);

    private ExportVerifier() {
    }

    public static VerifyReply verify(Path file, Set<String> trustedKeys) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Run(in, trustedKeys).verify();
        }
    }

    /** State of one pass over a file. */
    private static final class Run {
        private final BufferedReader in;
        private final Set<String> trustedKeys;
        private final List<Checkpoint> checkpoints = new ArrayList<>();
        private final Map<String, Long> stored = new HashMap<>();
        private long lineNo;
        private ExportLine header;

        Run(BufferedReader in, Set<String> trustedKeys) {
            this.in = in;
            this.trustedKeys = trustedKeys;
        }

        VerifyReply verify() throws IOException {
            header = next();
            if (header == null || !"h".equals(header.t()) || !ExportLine.FORMAT.equals(header.format())
                || header.version() == null || header.version() != 1) {
                return new VerifyReply(false, 0, null, "not a ledger export (version 1) file: bad header line");
            }
            ExportLine line = next();
            while (line != null && !"e".equals(line.t())) {
                collect(line);
                line = next();
            }
            ChainVerifier verifier = new ChainVerifier(checkpoints, trustedKeys);
            for (; line != null; line = next()) {
                Optional<ChainVerifier.Failure> failure = accept(verifier, line);
                if (failure.isPresent()) {
                    return bad(verifier, failure.get());
                }
            }
            Optional<ChainVerifier.Failure> end = verifier.finish(header.headSeq(), header.headHashBytes());
            return end.map(f -> bad(verifier, f)).orElseGet(() -> balances(verifier));
        }

        private void collect(ExportLine line) throws IOException {
            try {
                switch (String.valueOf(line.t())) {
                    case "c" -> checkpoints.add(line.checkpoint());
                    case "b" -> stored.put(line.account(), line.balance());
                    default -> throw new IllegalArgumentException("unexpected line type '" + line.t() + "'");
                }
            } catch (RuntimeException e) {
                throw new IOException("line " + lineNo + " is malformed: " + e.getMessage(), e);
            }
        }

        private Optional<ChainVerifier.Failure> accept(ChainVerifier verifier, ExportLine line) {
            if (!"e".equals(line.t()) || line.seq() == null) {
                return verifier.reject(verifier.verified() + 1, "line " + lineNo + ": expected an entry");
            }
            try {
                return verifier.accept(line.entry());
            } catch (RuntimeException e) {
                return verifier.reject(line.seq(), "entry " + line.seq() + ": " + e.getMessage());
            }
        }

        private VerifyReply balances(ChainVerifier verifier) {
            return verifier.checkBalances(stored).map(f -> bad(verifier, f))
                .orElseGet(() -> new VerifyReply(true, verifier.verified(), null, verifier.summary()));
        }

        private ExportLine next() throws IOException {
            String text = in.readLine();
            lineNo++;
            if (text == null) {
                return null;
            }
            try {
                return READER.readValue(text);
            } catch (JsonProcessingException e) {
                throw new IOException("line " + lineNo + " is not valid JSON: " + e.getOriginalMessage(), e);
            }
        }

        private static VerifyReply bad(ChainVerifier verifier, ChainVerifier.Failure f) {
            return new VerifyReply(false, verifier.verified(), f.seq(), f.message());
        }
    }
}
