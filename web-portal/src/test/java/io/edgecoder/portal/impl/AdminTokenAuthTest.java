package io.edgecoder.portal.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminTokenAuthTest {

    @Test
    void extractsTheTokenOfABearerHeaderWhateverTheSchemeCase() {
        assertThat(AdminTokenAuth.bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(AdminTokenAuth.bearerToken("BEARER abc ")).isEqualTo("abc");
        assertThat(AdminTokenAuth.bearerToken("bearer   abc")).isEqualTo("abc");
    }

    @Test
    void findsNoTokenInOtherHeaders() {
        assertThat(AdminTokenAuth.bearerToken(null)).isNull();
        assertThat(AdminTokenAuth.bearerToken("Bearer")).isNull();
        assertThat(AdminTokenAuth.bearerToken("Bearer    ")).isNull();
        assertThat(AdminTokenAuth.bearerToken("Basic abc")).isNull();
        assertThat(AdminTokenAuth.bearerToken("Bearerabc")).isNull();
        assertThat(AdminTokenAuth.bearerToken("abc")).isNull();
    }
}
