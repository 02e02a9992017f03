package io.edgecoder.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.inference.impl.OpenAiProvider;
import io.edgecoder.inference.impl.ProviderHttp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest extends ModelProviderContract {
    @Override
    ModelProvider provider(ScriptedModelServer server, ProviderHttp http) {
        return new OpenAiProvider(new ProviderConfig("llama", ProviderConfig.Kind.OPENAI, URI.create(server.openAiUrl()), false, null, 4),
            http);
    }

    @Override
    boolean askedToStream(JsonObject body) {
        return body.getBoolean("stream");
    }

    @Test
    void sendsLimitsAsOpenAiNamesThemAndAsksForUsageWhenStreaming() {
        onLoop(() -> provider().chat(request(ScriptedModelServer.MODEL), ignore(), new CallControl()));
        JsonObject sent = server.received().get(0);
        assertThat(sent.getInteger("max_tokens")).isEqualTo(64);
        assertThat(sent.getDouble("temperature")).isEqualTo(0.2);
        assertThat(sent.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
    }
}
