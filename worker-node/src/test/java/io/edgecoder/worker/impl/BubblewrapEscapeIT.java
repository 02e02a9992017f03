package io.edgecoder.worker.impl;

import io.edgecoder.worker.EscapeSuite;
import io.edgecoder.worker.SandboxFixture;
import java.util.EnumSet;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Escape and abuse suite against the strong level: it stops every case. */
class BubblewrapEscapeIT extends EscapeSuite {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.bubblewrap(1_900_100_000, 4);

    BubblewrapEscapeIT() {
        super(FIXTURE, EnumSet.noneOf(Gap.class));
    }
}
