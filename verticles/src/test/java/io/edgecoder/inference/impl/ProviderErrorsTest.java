package io.edgecoder.inference.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.inference.ProviderConfig;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** How a transport failure of a provider call reads to the caller: a stable code and a message that says what happened. */
class ProviderErrorsTest {
    private static final ProviderConfig OLLAMA = new ProviderConfig("ollama", ProviderConfig.Kind.OLLAMA,
        URI.create("http://127.0.0.1:11434"), false, null, 4);

    @Test
    void aRefusedConnectionIsDown() {
        assertDown(ProviderErrors.transport(OLLAMA, new ConnectException("Connection refused"), 0), "cannot connect");
    }

    /** A pooled connection the provider dropped when it stopped: the next call's request meets a reset, not a refusal. */
    @Test
    void aResetConnectionBeforeAnyChunkIsDown() {
        assertDown(ProviderErrors.transport(OLLAMA, new SocketException("Connection reset"), 0), "connection was reset");
    }

    @Test
    void aResetAfterChunksIsABrokenStream() {
        MeshException e = ProviderErrors.transport(OLLAMA, new SocketException("Connection reset"), 3);
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("broke off after 3 chunks");
    }

    @Test
    void aTimeoutIsATimeout() {
        assertThat(ProviderErrors.transport(OLLAMA, new TimeoutException("idle"), 0).code()).isEqualTo(ErrorCode.TIMEOUT);
    }

    private static void assertDown(MeshException e, String why) {
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("provider ollama is down").contains(why);
    }
}
