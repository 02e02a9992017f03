package io.edgecoder.portal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.Settings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The verticle as the launcher deploys it: config from settings, port 0, clean failure on a taken port. */
class PortalVerticleIT {
    private static final String TOKEN = "launcher-token-0123456789abcdef";

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    @Test
    void deployedFromSettingsWithPortZeroItListensOnAFreePortAndServesHealth() throws Exception {
        PortalVerticle portal = new PortalVerticle(config(0));

        assertThat(portal.actualPort()).isEqualTo(-1);
        await(vertx.deployVerticle(portal));

        assertThat(portal.actualPort()).isPositive();
        HttpResponse<Buffer> health = await(WebClient.create(vertx).get(portal.actualPort(), "127.0.0.1", "/health").send());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void secondPortalOnATakenPortFailsToDeployNamingTheSetting() throws Exception {
        PortalVerticle first = new PortalVerticle(config(0));
        await(vertx.deployVerticle(first));

        Future<String> second = vertx.deployVerticle(new PortalVerticle(config(first.actualPort())));

        assertThatThrownBy(() -> await(second)).hasRootCauseInstanceOf(java.net.BindException.class)
            .hasMessageContaining("http.port").hasMessageContaining(":" + first.actualPort());
    }

    private static PortalConfig config(int port) {
        Settings settings = Settings.of(Map.of("http.port", String.valueOf(port), "bus.timeout.ms", "2000"));
        return PortalConfig.from(settings, TOKEN, NodeIdentity.ephemeral(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.await(20, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new Exception(e.getMessage(), e);
        }
    }
}
