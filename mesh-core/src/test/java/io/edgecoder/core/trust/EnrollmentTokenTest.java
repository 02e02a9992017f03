package io.edgecoder.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnrollmentTokenTest {
    private static final String FINGERPRINT = "ab".repeat(32);

    @Test
    void aTokenRoundTripsAndNamesItsPortalAndCa() {
        EnrollmentToken token = EnrollmentToken.create("http://10.0.0.5:4310", FINGERPRINT);

        EnrollmentToken parsed = EnrollmentToken.parse(token.encode());

        assertThat(parsed).isEqualTo(token);
        assertThat(token.encode()).startsWith("ect1.").doesNotContain("=");
        assertThat(token.toString()).doesNotContain(token.secret());
        assertThat(token.secretHash()).matches("[0-9a-f]{64}").isNotEqualTo(EnrollmentToken.create("http://x:1", FINGERPRINT).secretHash());
    }

    @Test
    void twoTokensNeverShareASecret() {
        assertThat(EnrollmentToken.create("http://a:1", FINGERPRINT).secret())
            .isNotEqualTo(EnrollmentToken.create("http://a:1", FINGERPRINT).secret());
    }

    @Test
    void damagedOrForeignTokensAreRefusedWithAReasonThatHidesTheSecret() {
        String good = EnrollmentToken.create("http://a:1", FINGERPRINT).encode();

        assertThatThrownBy(() -> EnrollmentToken.parse("hello")).hasMessageContaining("not an enrollment token");
        assertThatThrownBy(() -> EnrollmentToken.parse(null)).hasMessageContaining("not an enrollment token");
        assertThatThrownBy(() -> EnrollmentToken.parse(good.substring(0, good.length() - 6))).hasMessageContaining("damaged");
        assertThatThrownBy(() -> EnrollmentToken.parse("ect1." + "A".repeat(2000))).hasMessageContaining("not an enrollment token");
        assertThatThrownBy(() -> EnrollmentToken.parse(encode("{\"u\":\"file:///etc\",\"f\":\"" + FINGERPRINT + "\",\"s\":\"" + "x".repeat(43) + "\"}")))
            .hasMessageContaining("portal URL");
        assertThatThrownBy(() -> EnrollmentToken.parse(encode("{\"u\":\"http://a:1\",\"f\":\"XYZ\",\"s\":\"" + "x".repeat(43) + "\"}")))
            .hasMessageContaining("CA fingerprint");
        assertThatThrownBy(() -> EnrollmentToken.parse(encode("{\"u\":\"http://a:1\",\"f\":\"" + FINGERPRINT + "\",\"s\":\"short\"}")))
            .hasMessageContaining("secret");
        assertThatThrownBy(() -> EnrollmentToken.parse(encode("[1]"))).hasMessageContaining("damaged");
    }

    @Test
    void enrollAndStatusProofsAreDistinctStatements() {
        assertThat(new String(EnrollmentToken.enrollProof("ect1.x"), StandardCharsets.UTF_8)).isEqualTo("edgecoder-enroll-v1\nect1.x");
        assertThat(new String(EnrollmentToken.statusProof("n1", 5), StandardCharsets.UTF_8)).isEqualTo("edgecoder-enroll-status-v1\nn1\n5");
    }

    private static String encode(String json) {
        return "ect1." + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
