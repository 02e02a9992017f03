package io.edgecoder.worker.subset;

import io.edgecoder.worker.TestResources;

/** Test sources kept under src/test/resources/subset. */
final class Sources {
    private Sources() {
    }

    static String resource(String name) {
        return TestResources.read("subset/" + name);
    }

    /** {@code depth} nested array literals around one number: {@code [[[1]]]}. */
    static String nested(String open, String close, int depth) {
        return open.repeat(depth) + "1" + close.repeat(depth);
    }
}
