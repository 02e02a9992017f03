package io.edgecoder.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Layered configuration: defaults, then a properties file, then {@code EDGECODER_*}
 * environment variables, then {@code edgecoder.*} system properties, each overriding the one
 * before. Keys are lower-case and dotted ({@code http.port}); the environment spells them in
 * upper case with underscores ({@code EDGECODER_HTTP_PORT}). Typed getters fail fast with a
 * message that names the key. Only the {@code .app} packages build a Settings.
 */
public final class Settings {
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** Builds the layers; {@code file} may be null or absent. */
    public static Settings load(Map<String, String> defaults, Path file, Map<String, String> env, Properties sys) {
        Map<String, String> merged = new TreeMap<>(defaults);
        merged.putAll(readFile(file));
        env.forEach((name, value) -> {
            if (name.startsWith("EDGECODER_") && name.length() > "EDGECODER_".length()) {
                merged.put(name.substring("EDGECODER_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        sys.stringPropertyNames().stream()
            .filter(name -> name.startsWith("edgecoder."))
            .forEach(name -> merged.put(name.substring("edgecoder.".length()), sys.getProperty(name)));
        return new Settings(merged);
    }

    private static Map<String, String> readFile(Path file) {
        Map<String, String> out = new TreeMap<>();
        if (file == null || !Files.exists(file)) {
            return out;
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        props.stringPropertyNames().forEach(name -> out.put(name.trim(), props.getProperty(name).trim()));
        return out;
    }

    /** A copy with some keys replaced (command-line options are applied this way). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        overrides.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new Settings(merged);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String key) {
        String v = values.get(key);
        return v != null && !v.isBlank();
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException("missing required setting '" + key + "'");
        }
        return v.trim();
    }

    public String string(String key, String fallback) {
        return has(key) ? values.get(key).trim() : fallback;
    }

    public int integer(String key, int min, int max) {
        String raw = string(key);
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new ConfigException("setting '" + key + "' must be within " + min + ".." + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be an integer, got '" + raw + "'");
        }
    }

    public long longValue(String key, long min, long max) {
        String raw = string(key);
        try {
            long v = Long.parseLong(raw);
            if (v < min || v > max) {
                throw new ConfigException("setting '" + key + "' must be within " + min + ".." + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be an integer, got '" + raw + "'");
        }
    }

    public Duration millis(String key, long min, long max) {
        return Duration.ofMillis(longValue(key, min, max));
    }

    public boolean bool(String key) {
        String raw = string(key).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException("setting '" + key + "' must be true or false, got '" + raw + "'");
        };
    }

    /** Comma-separated list; empty entries dropped. */
    public List<String> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        return Arrays.stream(values.get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
