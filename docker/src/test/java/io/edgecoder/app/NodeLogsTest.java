package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.FileSize;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class NodeLogsTest {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgecoder.test.NodeLogsTest");
    private final ch.qos.logback.classic.Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();

    @TempDir
    Path dir;

    @AfterEach
    void restoreLevel() {
        root.setLevel(rootLevel);
    }

    private static Settings settings(Map<String, String> overrides) {
        return Settings.of(ConfigKeys.defaults()).with(overrides);
    }

    @Test
    void levelIsReadCaseInsensitivelyAndABadOneNamesTheSetting() {
        assertThat(NodeLogs.level(settings(Map.of()))).isEqualTo(Level.INFO);
        assertThat(NodeLogs.level(settings(Map.of(ConfigKeys.LOG_LEVEL, "debug")))).isEqualTo(Level.DEBUG);
        assertThat(NodeLogs.level(settings(Map.of(ConfigKeys.LOG_LEVEL, " Warn ")))).isEqualTo(Level.WARN);
        assertThatThrownBy(() -> NodeLogs.level(settings(Map.of(ConfigKeys.LOG_LEVEL, "loud"))))
            .isInstanceOf(ConfigException.class).hasMessageContaining("'log.level'").hasMessageContaining("'loud'");
    }

    @Test
    void logLinesGoToTheFileAtTheConfiguredLevelUntilClosed() throws Exception {
        Path file;
        try (NodeLogs logs = NodeLogs.install(settings(Map.of(ConfigKeys.LOG_LEVEL, "warn")), dir.resolve("logs"))) {
            file = logs.file();
            LOG.warn("a warning for the file");
            LOG.info("an info line below the level");
            assertThat(root.getLevel()).isEqualTo(Level.WARN);
        }
        LOG.warn("after close");
        assertThat(file).isEqualTo(dir.resolve("logs").resolve("edgecoder.log"));
        String text = Files.readString(file);
        assertThat(text).contains("WARN").contains("a warning for the file")
            .doesNotContain("an info line below the level").doesNotContain("after close");
    }

    @Test
    void theFileIsRotatedBySizeKeepingOnlyTheConfiguredNumberOfOldFiles() throws Exception {
        try (NodeLogs logs = NodeLogs.install(Level.INFO, dir, new FileSize(2048), 2,
            ch.qos.logback.core.util.Duration.buildByMilliseconds(1))) {
            String oldest = Await.until("two rotations", Duration.ofSeconds(30), () -> writeAndRead(dir.resolve("edgecoder.2.log")),
                text -> !text.isEmpty());
            Await.until("a third rotation", Duration.ofSeconds(30), () -> writeAndRead(dir.resolve("edgecoder.2.log")),
                text -> !text.equals(oldest));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                .isEqualTo(List.of("edgecoder.1.log", "edgecoder.2.log", "edgecoder.log"));
        }
    }

    private static String writeAndRead(Path file) throws Exception {
        for (int i = 0; i < 20; i++) {
            LOG.info("filler line {} to make the log file grow past its size limit", i);
        }
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
