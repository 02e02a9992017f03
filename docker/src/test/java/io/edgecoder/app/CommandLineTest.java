package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.config.ConfigKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void mapsOptionsOfUpToSettings() {
        CommandLine cli = CommandLine.parse(new String[] {"up", "--roles", "worker", "--join=10.0.0.1:5701",
            "--data-dir", "/tmp/x", "--http-port", "0", "--db-url", "postgresql://h/db", "--cluster-host", "10.0.0.2"});
        assertThat(cli.command()).isEqualTo("up");
        assertThat(cli.overrides()).containsEntry(ConfigKeys.ROLES, "worker")
            .containsEntry(ConfigKeys.CLUSTER_JOIN, "10.0.0.1:5701")
            .containsEntry(ConfigKeys.DATA_DIR, "/tmp/x")
            .containsEntry(ConfigKeys.HTTP_PORT, "0")
            .containsEntry(ConfigKeys.DB_URL, "postgresql://h/db")
            .containsEntry(ConfigKeys.CLUSTER_HOST, "10.0.0.2");
    }

    @Test
    void providerIsRepeatableAndEachOneIsKept() {
        CommandLine cli = CommandLine.parse(new String[] {"up", "--provider", "ollama=http://127.0.0.1:11434",
            "--provider=remote:openai=https://api.example/v1"});
        assertThat(cli.overrides()).containsEntry(ConfigKeys.INFERENCE_PROVIDERS,
            "ollama=http://127.0.0.1:11434,remote:openai=https://api.example/v1");
    }

    @Test
    void unknownOptionsAndMissingValuesAreUsageErrors() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"up", "--turbo"}))
            .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("--turbo");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"up", "--roles"}))
            .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("--roles needs a value");
    }

    @Test
    void helpIsShownForNoArgumentsAndForHelpFlags() {
        assertThat(CommandLine.parse(new String[0]).command()).isEqualTo("help");
        assertThat(CommandLine.parse(new String[] {"--help"}).command()).isEqualTo("help");
        assertThat(CommandLine.parse(new String[] {"up", "-h"}).command()).isEqualTo("help");
    }

    @Test
    void helpExplainsEveryOptionOfUp() {
        String help = Help.text();
        CommandLine.OPTION_KEYS.keySet().forEach(option -> assertThat(help).contains(option));
        assertThat(help).contains("--config").contains("doctor");
    }

    @Test
    void mainExitsWithTwoAndAHintOnUsageErrors() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(new String[] {"launch"})).isEqualTo(2);
            assertThat(Main.run(new String[] {"up", "--roles", "wizard", "--data-dir", "/tmp/edgecoder-cli-test"})).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("unknown command 'launch'").contains("--help");
        assertThat(text).contains("unknown role 'wizard'");
    }
}
