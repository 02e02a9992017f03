package io.edgecoder.worker.impl;

import io.edgecoder.worker.TestResources;

/** Real runner outputs recorded from Python 3.11 and Node 20, kept under {@code reports/}. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static String read(String name) {
        return TestResources.read("reports/" + name);
    }
}
