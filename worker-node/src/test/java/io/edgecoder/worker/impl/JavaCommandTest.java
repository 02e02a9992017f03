package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.worker.RunLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaCommandTest {
    private static final Jdk JDK = new Jdk(Path.of("/usr/lib/jvm/x"), Path.of("/usr/lib/jvm/x/bin/javac"),
        Path.of("/usr/lib/jvm/x/bin/java"), "javac 17", List.of());

    @Test
    void theClassIsTheFileNameInItsDeclaredPackage() {
        assertThat(JavaCommand.className("FooTest.java", "public class FooTest {}")).isEqualTo("FooTest");
        assertThat(JavaCommand.className("src/a/b/FooTest.java", "package a.b;\npublic class FooTest {}")).isEqualTo("a.b.FooTest");
        assertThat(JavaCommand.className("FooTest.java", "/* header\n package not.this; */\n// package nor.this;\npackage  com . acme ;"))
            .isEqualTo("com.acme.FooTest");
        assertThat(JavaCommand.className("FooTest.java", "class FooTest { String s = \"package x;\"; }")).isEqualTo("FooTest");
    }

    @Test
    void compilesEveryJavaFileThenRunsTheTestClassWithAssertionsOn() {
        Map<String, String> files = Map.of("z/Util.java", "", "FooTest.java", "package p;", "data.txt", "");

        List<String> cmd = JavaCommand.of(JDK, files, "FooTest.java", RunLimits.defaults());

        assertThat(cmd).hasSize(3).startsWith("/bin/sh", "-c");
        String script = cmd.get(2);
        assertThat(script).startsWith("export MALLOC_ARENA_MAX=2\n'/usr/lib/jvm/x/bin/javac' -J-XX:+UseSerialGC")
            .contains(" -d .classes -encoding UTF-8 -proc:none 'FooTest.java' 'z/Util.java' || {")
            .doesNotContain("data.txt")
            .contains("exec '/usr/lib/jvm/x/bin/java' -XX:+UseSerialGC")
            .endsWith(" -ea -Djava.io.tmpdir=\"${TMPDIR:-/tmp}\" -cp .classes 'p.FooTest'");
    }

    @Test
    void jvmFlagsFitTheRunsMemoryLimit() {
        List<String> flags = JavaCommand.jvmFlags(RunLimits.defaults().withMemoryBytes(256 * RunLimits.MIB));

        assertThat(flags).contains("-Xmx128m", "-XX:MaxRAM=268435456", "-XX:ActiveProcessorCount=1", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData");
    }

    @Test
    void quotingKeepsAnyTextOneShellWord() {
        assertThat(JavaCommand.quote("it's $(x)")).isEqualTo("'it'\\''s $(x)'");
    }
}
