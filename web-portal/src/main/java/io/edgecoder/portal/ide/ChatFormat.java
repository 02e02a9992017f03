package io.edgecoder.portal.ide;

import io.edgecoder.core.message.ChatReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * How one call's answer is written in its protocol: the whole answer at once, or a stream of
 * pieces ending with the usage. One instance per call (it knows the call's id and model).
 */
interface ChatFormat {
    /** The protocol, for errors. */
    Protocol protocol();

    /** Content type of a streamed answer. */
    String streamContentType();

    /** One piece of text of a streamed answer. */
    Buffer delta(String text);

    /** The end of a streamed answer: finish reason and usage (and OpenAI's {@code [DONE]}). */
    Buffer finish(ChatReply reply);

    /** The whole answer of a call that was not streamed. */
    JsonObject whole(ChatReply reply);
}
