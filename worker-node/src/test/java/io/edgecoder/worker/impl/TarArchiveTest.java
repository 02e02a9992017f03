package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarArchiveTest {
    @TempDir
    Path dir;

    @Test
    void gnuTarUnpacksNestedLongAndUnicodeFilesExactly() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("test_a.py", "print('h\u00e9llo')\n");
        files.put("pkg/sub/mod.py", "x = 1\n".repeat(300));
        files.put("a".repeat(90) + "/" + "b".repeat(90) + ".py", "long = True\n");
        files.put("empty.py", "");
        Process tar = new ProcessBuilder("/usr/bin/tar", "-x", "-f", "-", "-C", dir.toString()).redirectErrorStream(true).start();
        tar.getOutputStream().write(TarArchive.of(files));
        tar.getOutputStream().close();
        String output = new String(tar.getInputStream().readAllBytes());

        assertThat(tar.waitFor()).as(output).isZero();
        for (Map.Entry<String, String> f : files.entrySet()) {
            assertThat(Files.readString(dir.resolve(f.getKey()))).isEqualTo(f.getValue());
        }
    }

    @Test
    void longPathsAreSplitAtASlash() {
        String path = "d".repeat(120) + "/f.py";
        assertThat(TarArchive.split(path)).containsExactly("d".repeat(120), "f.py");
        assertThat(TarArchive.split("short.py")).containsExactly("", "short.py");
    }
}
