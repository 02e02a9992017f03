package io.edgecoder.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DbUrlsTest {
    @Test
    void passwordsInUrisAreHiddenAndTheRestKept() {
        assertThat(DbUrls.redact("cannot connect to postgresql://edgecoder:s3cr%40t@127.0.0.1:5432/postgres: refused"))
            .isEqualTo("cannot connect to postgresql://edgecoder:***@127.0.0.1:5432/postgres: refused");
        assertThat(DbUrls.redact("postgresql://edgecoder@127.0.0.1/db")).isEqualTo("postgresql://edgecoder@127.0.0.1/db");
        assertThat(DbUrls.redact("no uri here: a:b@c")).isEqualTo("no uri here: a:b@c");
        assertThat(DbUrls.redact(null)).isNull();
    }
}
