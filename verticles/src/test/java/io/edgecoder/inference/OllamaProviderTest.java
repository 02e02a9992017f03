package io.edgecoder.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.inference.impl.OllamaProvider;
import io.edgecoder.inference.impl.ProviderHttp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class OllamaProviderTest extends ModelProviderContract {
    @Override
    ModelProvider provider(ScriptedModelServer server, ProviderHttp http) {
        return new OllamaProvider(new ProviderConfig("ollama", ProviderConfig.Kind.OLLAMA, URI.create(server.ollamaUrl()), false, null, 4),
            http);
    }

    @Override
    boolean askedToStream(JsonObject body) {
        return body.getBoolean("stream");
    }

    @Test
    void listsQuantisationAndSendsOptionsAsOllamaNamesThem() {
        List<ProviderModel> models = onLoop(() -> provider().models());
        assertThat(models.get(0).quantization()).isEqualTo("Q4_K_M");
        onLoop(() -> provider().chat(request(ScriptedModelServer.MODEL), null, new CallControl()));
        JsonObject options = server.received().get(0).getJsonObject("options");
        assertThat(options.getInteger("num_predict")).isEqualTo(64);
        assertThat(options.getDouble("temperature")).isEqualTo(0.2);
    }
}
