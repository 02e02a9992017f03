package io.edgecoder.core.message;

/**
 * One failing test of a {@link TestReport}: its id as the runner names it (Python
 * {@code module.Class.test_method}, Node {@code suite > test}, Java the name after {@code FAIL})
 * and the runner's message (the exception line, the assertion error, the text after
 * {@code FAIL name: }), clipped to {@link TestReport#MAX_MESSAGE} characters; null when the
 * output held none.
 */
public record TestFailure(String test, String message) {
}
