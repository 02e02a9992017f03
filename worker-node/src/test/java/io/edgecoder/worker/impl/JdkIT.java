package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Locating and probing the machine's JDK (skipped where none is installed under /usr). */
class JdkIT {

    @Test
    void theInstalledJdkLivesUnderUsrAndAnswersItsVersion() {
        assumeThat(Jdk.installed()).as("a JDK under /usr").isPresent();
        Jdk jdk = Jdk.installed().orElseThrow();

        assertThat(jdk.home()).startsWith(Jdk.USR);
        assertThat(jdk.javac()).startsWith(Jdk.USR).isExecutable();
        assertThat(jdk.java()).startsWith(Jdk.USR).isExecutable();
        assertThat(jdk.version()).startsWith("javac ");
        assertThat(jdk.hostConfigDirs()).allSatisfy(dir -> assertThat(dir).startsWith(Path.of("/etc")).isNotEqualTo(Path.of("/etc")));
    }

    @Test
    void theJavacLinkThroughEtcAlternativesIsResolvedToItsRealHome() throws Exception {
        assumeThat(Files.exists(Jdk.USR_BIN_JAVAC)).isTrue();
        Path real = Jdk.USR_BIN_JAVAC.toRealPath();
        assumeThat(real).startsWith(Jdk.USR);

        assertThat(Jdk.locateHome(Jdk.USR_BIN_JAVAC, Path.of("/nonexistent"))).contains(real.getParent().getParent());
    }

    @Test
    void withoutTheJavacLinkAJdkIsFoundUnderTheJvmDirectory() {
        assumeThat(Jdk.JVM_ROOT).isDirectory();
        assumeThat(Jdk.locateHome(Jdk.USR_BIN_JAVAC, Jdk.JVM_ROOT)).isPresent();

        assertThat(Jdk.locateHome(Path.of("/nonexistent/javac"), Jdk.JVM_ROOT)).hasValueSatisfying(home ->
            assertThat(home.resolve("bin/javac")).isExecutable());
        assertThat(Jdk.locateHome(Path.of("/nonexistent/javac"), Path.of("/nonexistent"))).isEmpty();
    }

    @Test
    void debiansJdkNeedsItsEtcConfigurationAndNothingElseOfEtc() {
        Path debianHome = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeThat(debianHome.resolve("lib/jvm.cfg")).isSymbolicLink();

        assertThat(Jdk.hostConfigDirs(debianHome)).contains(Path.of("/etc/java-17-openjdk"))
            .allSatisfy(dir -> assertThat(dir.getNameCount()).isGreaterThanOrEqualTo(2));
    }
}
