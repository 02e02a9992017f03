package io.edgecoder.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.MeshException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailsTest {
    @ParameterizedTest
    @CsvSource({"Ann@Example.ORG,ann@example.org", "'  bob@example.org ',bob@example.org", "c.d+tag@sub.example.co.uk,c.d+tag@sub.example.co.uk",
        "e@b\u00fccher.example,e@xn--bcher-kva.example"})
    void addressesAreNormalised(String raw, String normalised) {
        assertThat(Emails.normalise(raw, "email")).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.org", "ann@", "ann@example", "a b@example.org", "\"quoted\"@example.org",
        "ann@[127.0.0.1]", "ann@-bad.example", "ann..x@example.org", ".ann@example.org", "\u202eann@example.org",
        "a\u200bnn@example.org", "ann@exa_mple.org", "ann@example.org\u0000"})
    void malformedAddressesAre400NamingTheField(String raw) {
        assertThatThrownBy(() -> Emails.normalise(raw, "email")).isInstanceOf(MeshException.class).hasMessageStartingWith("email:");
    }
}
