package io.edgecoder.app.ide;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.time.Duration;

/**
 * langchain4j's own JDK HTTP client with an {@code Authorization: Bearer} header on every request:
 * for its {@code OllamaModels}, whose builder (unlike the chat models') takes no custom headers.
 */
final class BearerHttpClientBuilder implements HttpClientBuilder {
    private final String token;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    BearerHttpClientBuilder(String token) {
        this.token = token;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        connectTimeout = timeout == null ? connectTimeout : timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        readTimeout = timeout == null ? readTimeout : timeout;
        return this;
    }

    @Override
    public HttpClient build() {
        JdkHttpClient jdk = JdkHttpClient.builder().connectTimeout(connectTimeout).readTimeout(readTimeout).build();
        return new HttpClient() {
            @Override
            public SuccessfulHttpResponse execute(HttpRequest request) {
                return jdk.execute(withToken(request));
            }

            @Override
            public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
                jdk.execute(withToken(request), parser, listener);
            }
        };
    }

    private HttpRequest withToken(HttpRequest request) {
        java.util.Map<String, java.util.List<String>> headers = new java.util.HashMap<>(request.headers());
        headers.put("Authorization", java.util.List.of("Bearer " + token));
        HttpRequest.Builder copy = HttpRequest.builder().method(request.method()).url(request.url()).headers(headers);
        return request.body() == null ? copy.build() : copy.body(request.body()).build();
    }
}
