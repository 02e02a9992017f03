package io.edgecoder.portal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checksum-level test vectors of BIP-173 (bech32) and BIP-350 (bech32m). */
class Bech32Test {
    @ParameterizedTest
    @ValueSource(strings = {"A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs"})
    void validBech32StringsDecodeAsBech32AndReencodeToThemselves(String text) {
        Bech32.Decoded decoded = Bech32.decode(text);

        assertThat(decoded.encoding()).isEqualTo(Bech32.Encoding.BECH32);
        assertThat(Bech32.encode(decoded.hrp(), decoded.values(), decoded.encoding())).isEqualTo(text.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1LQFN3A", "a1lqfn3a", "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
        "split1checkupstagehandshakeupstreamerranterredcaperredlc445v", "?1v759aa",
        "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6"})
    void validBech32mStringsDecodeAsBech32m(String text) {
        Bech32.Decoded decoded = Bech32.decode(text);

        assertThat(decoded.encoding()).isEqualTo(Bech32.Encoding.BECH32M);
        assertThat(Bech32.encode(decoded.hrp(), decoded.values(), decoded.encoding())).isEqualTo(text.toLowerCase());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "pzry9x0s0muk|no human-readable part before the separator '1'",
        "1pzry9x0s0muk|no human-readable part before the separator '1'",
        "x1b4n0q5v|character 'b' is not in the bech32 alphabet",
        "li1dgmt3|too short: fewer than 6 checksum characters after the separator '1'",
        "A1G7SGD8|checksum does not match (a character is wrong or missing)",
        "A12uEL5L|mixes upper and lower case",
        "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx|longer than 90 characters"})
    void invalidStringsAreRefusedSayingWhy(String text, String why) {
        assertThatThrownBy(() -> Bech32.decode(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00201nwldj5", "\u007f1axkwrx", "\u00801eym55h"})
    void charactersOutsidePrintableAsciiAreRefused(String text) {
        assertThatThrownBy(() -> Bech32.decode(text)).hasMessage("character 1 is not printable ASCII");
    }
}
