package io.edgecoder.portal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LightningAddressTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"alice@wallet.example|alice@wallet.example", "Bob.Smith+tips@Pay.Example.ORG|bob.smith+tips@pay.example.org",
        "  a_b-c@x1.io  |a_b-c@x1.io"})
    void wellFormedAddressesAreAcceptedInLowerCase(String text, String stored) {
        assertThat(LightningAddress.parse(text).address()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "alice|exactly one '@' between the user name and the domain",
        "a@b@wallet.example|exactly one '@' between the user name and the domain",
        "@wallet.example|the user name must be 1..64 of a-z, 0-9, '-', '_', '.', '+'",
        "al ice@wallet.example|the user name must be 1..64 of a-z, 0-9, '-', '_', '.', '+'",
        "alice@localhost|the domain must be a host name such as wallet.example (at least two labels)",
        "alice@192.168.1.1|the domain must be a host name, not an IP address",
        "alice@wallet.example:443|the domain label 'example:443' is not a host name label (a-z, 0-9, inner '-', 1..63)",
        "alice@-wallet.example|the domain label '-wallet' is not a host name label (a-z, 0-9, inner '-', 1..63)",
        "alice@wallet..example|the domain label '' is not a host name label (a-z, 0-9, inner '-', 1..63)",
        "älice@wallet.example|the user name must be 1..64 of a-z, 0-9, '-', '_', '.', '+'"})
    void malformedAddressesAreRefusedSayingWhy(String text, String why) {
        assertThatThrownBy(() -> LightningAddress.parse(text)).hasMessage("address: not a valid lightning address: " + why);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 255})
    void emptyOrOverlongIsRefused(int length) {
        String text = length == 0 ? "" : "a".repeat(length - 12) + "@wallet.test";
        assertThatThrownBy(() -> LightningAddress.parse(text))
            .hasMessage("address: not a valid lightning address: 1..254 characters of the form user@domain");
    }
}
