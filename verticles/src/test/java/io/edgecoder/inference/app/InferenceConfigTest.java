package io.edgecoder.inference.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.inference.ProviderConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceConfigTest {
    private static List<ProviderConfig> providers(Map<String, String> values) {
        return InferenceConfig.providers(Settings.of(ConfigKeys.defaults()).with(values));
    }

    @Test
    void readsProvidersWithKindFromTheUrlRemoteMarkAndOwnKeys() {
        List<ProviderConfig> list = providers(Map.of(ConfigKeys.INFERENCE_PROVIDERS,
            "ollama=http://127.0.0.1:11434, llama=http://127.0.0.1:8080/v1/,remote:openai=https://api.example.com/v1",
            "inference.provider.openai.api.key", "sk-secret", "inference.provider.llama.max.concurrent", "2"));
        assertThat(list).extracting(ProviderConfig::name).containsExactly("ollama", "llama", "openai");
        assertThat(list).extracting(ProviderConfig::kind)
            .containsExactly(ProviderConfig.Kind.OLLAMA, ProviderConfig.Kind.OPENAI, ProviderConfig.Kind.OPENAI);
        assertThat(list).extracting(ProviderConfig::remote).containsExactly(false, false, true);
        assertThat(list.get(1).maxConcurrent()).isEqualTo(2);
        assertThat(list.get(0).maxConcurrent()).isEqualTo(4);
        assertThat(list.get(1).url("/models")).isEqualTo("http://127.0.0.1:8080/v1/models");
        assertThat(list.get(2).apiKey()).isEqualTo("sk-secret");
        assertThat(list.get(2).toString()).doesNotContain("sk-secret");
    }

    @Test
    void kindAndRemoteMayBeSetPerProvider() {
        List<ProviderConfig> list = providers(Map.of(ConfigKeys.INFERENCE_PROVIDERS, "lm=http://127.0.0.1:1234",
            "inference.provider.lm.kind", "openai", "inference.provider.lm.remote", "true"));
        assertThat(list.get(0).kind()).isEqualTo(ProviderConfig.Kind.OPENAI);
        assertThat(list.get(0).remote()).isTrue();
    }

    @Test
    void theProviderClientHasAConnectionForEveryCallTheProvidersAdmitPlusSpareOnes() {
        InferenceConfig few = InferenceConfig.from(Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.INFERENCE_PROVIDERS,
            "ollama=http://127.0.0.1:11434")), io.edgecoder.core.NodeIdentity.ephemeral());
        assertThat(few.providerConnections()).isEqualTo(64);
        InferenceConfig many = InferenceConfig.from(Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.INFERENCE_PROVIDERS,
            "ollama=http://127.0.0.1:11434,llama=http://127.0.0.1:11434/v1", ConfigKeys.INFERENCE_MAX_CONCURRENT, "256",
            "inference.provider.llama.max.concurrent", "100")), io.edgecoder.core.NodeIdentity.ephemeral());
        assertThat(many.providerConnections()).as("256 + 100 calls, both on one server").isEqualTo(356 + InferenceConfig.SPARE_CONNECTIONS);
    }

    @Test
    void badEntriesStopTheNodeNamingTheSetting() {
        for (String bad : List.of("ollama", "ollama=", "=http://h", "Bad Name=http://h", "x=ftp://h", "x=http://user:pw@h/v1",
            "a=http://h,a=http://g")) {
            assertThatThrownBy(() -> providers(Map.of(ConfigKeys.INFERENCE_PROVIDERS, bad)))
                .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKeys.INFERENCE_PROVIDERS);
        }
        assertThatThrownBy(() -> providers(Map.of(ConfigKeys.INFERENCE_PROVIDERS, "x=http://h", "inference.provider.x.kind", "grpc")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("ollama or openai");
    }

    private static InferenceConfig config(Map<String, String> values) {
        return InferenceConfig.from(Settings.of(ConfigKeys.defaults()).with(values), io.edgecoder.core.NodeIdentity.ephemeral());
    }

    @Test
    void modelClassesArePinnedByNameWhoseColonsAndDotsStayPartOfTheName() {
        InferenceConfig pinned = config(Map.of(ConfigKeys.INFERENCE_MODEL_CLASSES, "qwen2.5-coder:7b=small, llama3.1:70b = large"));
        assertThat(pinned.modelClasses()).containsExactlyInAnyOrderEntriesOf(Map.of("qwen2.5-coder:7b", "small", "llama3.1:70b", "large"));
        assertThat(config(Map.of()).modelClasses()).isEmpty();
    }

    @Test
    void aBadModelClassPinStopsTheNodeNamingTheSetting() {
        for (String bad : List.of("coder", "coder=", "=small", "coder=huge", "coder=Small", "a=small,a=large")) {
            assertThatThrownBy(() -> config(Map.of(ConfigKeys.INFERENCE_MODEL_CLASSES, bad)))
                .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKeys.INFERENCE_MODEL_CLASSES);
        }
    }

    @Test
    void providerCallsRunOnOneLoopPerCoreUnlessConfigured() {
        assertThat(config(Map.of()).streamLoops()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors()));
        assertThat(config(Map.of(ConfigKeys.INFERENCE_STREAM_LOOPS, "0")).streamLoops()).isZero();
        assertThat(config(Map.of(ConfigKeys.INFERENCE_STREAM_LOOPS, "8")).streamLoops()).isEqualTo(8);
        for (String bad : List.of("-1", "65", "many")) {
            assertThatThrownBy(() -> config(Map.of(ConfigKeys.INFERENCE_STREAM_LOOPS, bad)))
                .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKeys.INFERENCE_STREAM_LOOPS);
        }
    }
}
