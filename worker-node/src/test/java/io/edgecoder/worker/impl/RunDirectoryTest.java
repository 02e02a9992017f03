package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.MeshException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path work;

    @Test
    void writesNestedFilesAndRemovesEverythingOnClose() throws Exception {
        RunDirectory dir = RunDirectory.create(work, Map.of("pkg/mod.py", "x = 1\n", "test_a.py", "pass\n"));

        assertThat(dir.workspace().resolve("pkg/mod.py")).hasContent("x = 1");
        dir.close();
        assertThat(Files.list(work)).isEmpty();
    }

    @Test
    void pathThatEscapesIsRefusedAndNothingIsLeft() {
        assertThatThrownBy(() -> RunDirectory.create(work, Map.of("../evil.py", "x")))
            .isInstanceOf(MeshException.class).hasMessageContaining("escapes the workspace");
        assertThat(work.resolve("evil.py")).doesNotExist();
    }

    @Test
    void deletionRemovesPlantedSymlinksWithoutFollowingThem() throws Exception {
        Path outside = Files.writeString(work.resolveSibling(work.getFileName() + "-keep.txt"), "keep");
        RunDirectory dir = RunDirectory.create(work, Map.of("a.py", "x"));
        Files.createSymbolicLink(dir.workspace().resolve("link"), outside);
        Files.createSymbolicLink(dir.workspace().resolve("rootlink"), Path.of("/"));

        dir.close();

        assertThat(outside).hasContent("keep");
        assertThat(Files.list(work)).isEmpty();
        Files.delete(outside);
    }
}
