package io.edgecoder.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void laterLayersOverrideEarlierOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edgecoder.properties");
        Files.writeString(file, "http.port=5000\nworker.slots=3\nroles=worker\n");
        Properties sys = new Properties();
        sys.setProperty("edgecoder.worker.slots", "7");
        Settings s = Settings.load(ConfigKeys.defaults(), file, Map.of("EDGECODER_HTTP_PORT", "6000"), sys);
        assertThat(s.integer("http.port", 0, 65535)).isEqualTo(6000);
        assertThat(s.integer("worker.slots", 0, 64)).isEqualTo(7);
        assertThat(s.list("roles")).containsExactly("worker");
        assertThat(s.string("cluster.name")).isEqualTo("edgecoder");
    }

    @Test
    void badValuesFailNamingTheKey() {
        Settings s = Settings.of(Map.of("http.port", "eighty", "worker.slots", "999", "flag", "maybe"));
        assertThatThrownBy(() -> s.integer("http.port", 0, 65535)).hasMessageContaining("'http.port'");
        assertThatThrownBy(() -> s.integer("worker.slots", 0, 64)).hasMessageContaining("'worker.slots'").hasMessageContaining("0..64");
        assertThatThrownBy(() -> s.bool("flag")).hasMessageContaining("'flag'");
        assertThatThrownBy(() -> s.string("absent")).hasMessageContaining("'absent'");
    }
}
