package io.edgecoder.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final PasswordHasher.Params SMALL = new PasswordHasher.Params(1024, 1, 1);
    private final PasswordHasher hasher = new PasswordHasher(SMALL);

    @Test
    void aHashRecordsItsAlgorithmAndParametersAndVerifiesOnlyItsPassword() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
    }

    @Test
    void aHashMadeWithWeakerParametersVerifiesButNeedsARehash() {
        String old = hasher.hash("correct horse battery staple");
        PasswordHasher stronger = new PasswordHasher(new PasswordHasher.Params(2048, 2, 1));

        assertThat(stronger.verify("correct horse battery staple", old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(old)).isFalse();
        assertThat(stronger.needsRehash(stronger.hash("x1234567890"))).isFalse();
    }

    @Test
    void anythingThatIsNotOurHashNeverVerifies() {
        for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=1024,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=99999999,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            assertThat(hasher.verify("anything", bad)).as(String.valueOf(bad)).isFalse();
            assertThat(hasher.needsRehash(bad)).isTrue();
        }
    }
}
