package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The launcher's ledger command line: options kept for the command, and usage errors before any work. */
class LedgerCommandTest {
    @Test
    void ledgerOptionsStayWithTheCommandAndDatabaseOptionsBecomeSettings() {
        CommandLine cli = CommandLine.parse(new String[] {"ledger", "verify", "--file=x.jsonl", "--trust", "k1",
            "--trust", "k2", "--data-dir", "/tmp/d"});

        assertThat(cli.command()).isEqualTo("ledger");
        assertThat(cli.args()).containsExactly("verify", "--file", "x.jsonl", "--trust", "k1", "--trust", "k2");
        assertThat(cli.overrides()).containsOnlyKeys("data.dir");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ledger|ledger needs a subcommand: verify or export",
        "ledger fix|unknown ledger subcommand 'fix' (verify or export)",
        "ledger verify now|unexpected argument 'now' for 'ledger verify'",
        "ledger export|ledger export needs --out FILE",
        "ledger export --file f|ledger export needs --out FILE",
        "ledger export --out f --trust k|--trust and --trust-any-signer belong to 'ledger verify'",
        "ledger export --out f --trust-any-signer|--trust and --trust-any-signer belong to 'ledger verify'",
        "ledger verify --out f|--out belongs to 'ledger export'",
        "ledger verify --file f --db-url postgresql://h/db|it takes no --db-url",
        "ledger verify --file a --file b|--file given more than once",
        "ledger verify --roles ledger|option --roles does not apply to 'ledger'",
        "ledger verify --file|option --file needs a value",
    })
    void badLedgerCommandLinesAreUsageErrors(String line, String message) {
        assertThatThrownBy(() -> LedgerCommand.run(CommandLine.parse(line.split(" ")), System.out, System.err))
            .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining(message);
    }

    @Test
    void missingExportFileIsExitTwoWithItsName() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LedgerCommand.run(CommandLine.parse(new String[] {"ledger", "verify", "--file", "/nonexistent/l.jsonl"}),
            System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file: /nonexistent/l.jsonl");
    }

    @Test
    void dataDirWithoutAnEmbeddedDatabaseIsExitTwoNamingTheAlternative() throws Exception {
        Path empty = Files.createTempDirectory("edgecoder-empty");
        String dir = empty.toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LedgerCommand.run(CommandLine.parse(new String[] {"ledger", "verify", "--data-dir", dir}),
            System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        EdgecoderCli.deleteTree(empty);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no embedded database in " + dir + "/pg")
            .contains("--db-url");
    }

    @Test
    void helpExplainsTheLedgerCommands() {
        assertThat(Help.text()).contains("ledger verify [--db-url URL | --data-dir DIR]").contains("ledger verify --file FILE")
            .contains("ledger export --out FILE").contains("--trust KEY").contains("--trust-any-signer")
            .contains("Exit status: 0").contains("3 verified but");
    }
}
