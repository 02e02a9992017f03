package io.edgecoder.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.MeshException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    @Test
    void theCommonListIsLoadedAndComparedIgnoringCase() {
        assertThat(PasswordPolicy.isCommon("password")).isTrue();
        assertThat(PasswordPolicy.isCommon("QwErTyUiOp")).isTrue();
        assertThat(PasswordPolicy.isCommon("correct horse battery staple")).isFalse();
    }

    @Test
    void aLongUncommonPasswordIsAcceptedAndNormalised() {
        assertThat(PasswordPolicy.check("correct horse battery staple", "ann@example.org")).isEqualTo("correct horse battery staple");
        assertThat(PasswordPolicy.check("Cafe\u0301 au lait please", null)).isEqualTo("Caf\u00e9 au lait please");
    }

    @Test
    void lengthIsCountedInCodePoints() {
        assertThat(PasswordPolicy.check("\uD83D\uDE00\uD83D\uDE01".repeat(5), null)).hasSize(20);
        assertThatThrownBy(() -> PasswordPolicy.check("\uD83D\uDE00\uD83D\uDE01".repeat(4) + "\uD83D\uDE00", null))
            .hasMessageContaining("at least 10");
    }

    @Test
    void weakPasswordsAre400() {
        for (String weak : new String[] {"short", "1234567890", "qwertyuiop", "zzzzzzzzzzzz", "annabelle12@example.org", "Annabelle12",
            "a\u0007bcdefghijk"}) {
            assertThatThrownBy(() -> PasswordPolicy.check(weak, "annabelle12@example.org"))
                .as(weak).isInstanceOf(MeshException.class).hasMessageStartingWith("password:");
        }
    }
}
