package io.edgecoder.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} is Prometheus text with Vert.x and EdgeCoder meters from the node's registry. */
class MetricsIT {
    private PortalHarness portal;

    @AfterEach
    void stop() {
        portal.close();
    }

    @Test
    void metricsServeVertxAndEdgecoderMetersAsPrometheusText() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
            .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
        portal = PortalHarness.start(vertx, registry);
        portal.postJson("/api/v1/jobs", Jobs.python().put("language", "cobol"));

        HttpResponse<Buffer> response = portal.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
        String text = response.bodyAsString();
        assertThat(text).contains("# TYPE edgecoder_portal_jobs_submitted_total counter");
        assertThat(text).containsPattern("edgecoder_portal_jobs_submitted_total\\{outcome=\"invalid\"} 1\\.0");
        assertThat(text).containsPattern("edgecoder_portal_jobs_submitted_total\\{outcome=\"queued\"} 0\\.0");
        assertThat(text).contains("vertx_http_server_requests_total");
    }
}
