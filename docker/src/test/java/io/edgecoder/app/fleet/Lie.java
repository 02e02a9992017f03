package io.edgecoder.app.fleet;

/** How a simulated worker lies. Every lie is signed with the liar's own key and obeys the protocol. */
public enum Lie {
    /** Claims every test passed without running anything (a made-up report of one passing test). */
    PASS_WITHOUT_RUNNING,
    /** Claims a failure that did not happen (a made-up failing test). */
    WRONG_OUTPUT,
    /** Claims an hour of CPU for a run of milliseconds. */
    INFLATED_CPU,
    /** Claims a negative CPU time. */
    NEGATIVE_CPU,
    /** Presents another worker's signed result for the same lease: verbatim, or under its own name. */
    REPLAY
}
