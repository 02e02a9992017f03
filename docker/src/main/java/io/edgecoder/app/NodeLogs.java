package io.edgecoder.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Logging of a node started by {@code edgecoder up}: the level from {@code log.level}, and a
 * size-rotated copy of the console log in {@code <data-dir>/logs/edgecoder.log}. Only the
 * launcher installs the file; nodes started in-process by tests log to the console alone.
 */
final class NodeLogs implements AutoCloseable {
    static final String FILE_NAME = "edgecoder.log";
    private static final String APPENDER = "EDGECODER_FILE";
    /** Logback's default is a minute, long enough for a burst of debug lines to overshoot the size. */
    private static final Duration SIZE_CHECK = Duration.buildBySeconds(1);
    private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    private final RollingFileAppender<ILoggingEvent> appender;

    private NodeLogs(RollingFileAppender<ILoggingEvent> appender) {
        this.appender = appender;
    }

    /** The configured level; a {@link ConfigException} naming the setting when it is not a level. */
    static Level level(Settings settings) {
        String value = settings.string(ConfigKeys.LOG_LEVEL).trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(value)) {
            throw new ConfigException("setting '" + ConfigKeys.LOG_LEVEL + "': '" + settings.string(ConfigKeys.LOG_LEVEL)
                + "' is not one of error, warn, info, debug, trace");
        }
        return Level.toLevel(value);
    }

    /** Sets the root level and adds the rotated file in {@code dir}; close to detach it again. */
    static NodeLogs install(Settings settings, Path dir) {
        Level level = level(settings);
        int megabytes = settings.integer(ConfigKeys.LOG_FILE_MB, 1, 10_000);
        int kept = settings.integer(ConfigKeys.LOG_FILES_KEPT, 1, 20);
        return install(level, dir, FileSize.valueOf(megabytes + "MB"), kept, SIZE_CHECK);
    }

    /** Like {@link #install(Settings, Path)}; the file's size is looked at every {@code check} at most. */
    static NodeLogs install(Level level, Path dir, FileSize maxSize, int kept, Duration check) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        RollingFileAppender<ILoggingEvent> appender = appender(context, dir, maxSize, kept, check);
        root.addAppender(appender);
        return new NodeLogs(appender);
    }

    private static RollingFileAppender<ILoggingEvent> appender(LoggerContext context, Path dir, FileSize maxSize, int kept,
                                                               Duration check) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(dir.resolve(FILE_NAME).toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve("edgecoder.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(kept);
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(maxSize);
        trigger.setCheckIncrement(check);
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder(context));
        rolling.start();
        trigger.start();
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        return encoder;
    }

    /** The file being written. */
    Path file() {
        return Path.of(appender.getFile());
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }
}
