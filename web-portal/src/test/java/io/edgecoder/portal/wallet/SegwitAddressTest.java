package io.edgecoder.portal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The segwit address test vectors of BIP-173 and BIP-350, and the deployment's network check. */
class SegwitAddressTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4|MAINNET|0014751e76e8199196d454941c45d1b3a323f1433bd6",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7|TESTNET|"
            + "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y|MAINNET|"
            + "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
        "BC1SW50QGDZ25J|MAINNET|6002751e",
        "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs|MAINNET|5210751e76e8199196d454941c45d1b3a323",
        "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy|TESTNET|"
            + "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
        "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c|TESTNET|"
            + "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0|MAINNET|"
            + "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"})
    void validAddressesDecodeToTheirOutputScripts(String text, BitcoinNetwork network, String script) {
        SegwitAddress address = SegwitAddress.parse(text, network);

        assertThat(address.scriptPubKeyHex()).isEqualTo(script);
        assertThat(address.address()).isEqualTo(text.toLowerCase());
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut|MAINNET|"
            + "prefix 'tc' is not a bitcoin network's (this deployment pays on mainnet, prefix 'bc')",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd|MAINNET|"
            + "witness version 1 needs a bech32m checksum (BIP-350), this one is bech32",
        "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf|TESTNET|"
            + "witness version 2 needs a bech32m checksum (BIP-350), this one is bech32",
        "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL|MAINNET|"
            + "witness version 16 needs a bech32m checksum (BIP-350), this one is bech32",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh|MAINNET|"
            + "witness version 0 needs a bech32 checksum (BIP-173), this one is bech32m",
        "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47|TESTNET|"
            + "witness version 0 needs a bech32 checksum (BIP-173), this one is bech32m",
        "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4|MAINNET|"
            + "character 'o' is not in the bech32 alphabet",
        "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R|MAINNET|witness version 17 does not exist (0..16)",
        "bc1pw5dgrnzv|MAINNET|witness program of 1 bytes (2..40)",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav|MAINNET|"
            + "witness program of 41 bytes (2..40)",
        "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P|MAINNET|witness version 0 program of 16 bytes (20 or 32, per BIP-141)",
        "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq|TESTNET|mixes upper and lower case",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf|MAINNET|"
            + "the witness program has more than 4 bits of padding",
        "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j|TESTNET|the witness program has non-zero padding",
        "bc1gmk9yu|MAINNET|no witness version and program (empty data part)",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5|MAINNET|checksum does not match (a character is wrong or missing)",
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa|MAINNET|a legacy (base58) address; only native segwit addresses (prefix 'bc1') are accepted",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy|MAINNET|a legacy (base58) address; only native segwit addresses (prefix 'bc1') are accepted"})
    void invalidAddressesAreRefusedSayingWhy(String text, BitcoinNetwork network, String why) {
        assertThatThrownBy(() -> SegwitAddress.parse(text, network)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("address: not a valid bitcoin address: " + why);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4|TESTNET|a mainnet address (prefix 'bc'), but this deployment pays on testnet (prefix 'tb')",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7|MAINNET|"
            + "a testnet address (prefix 'tb'), but this deployment pays on mainnet (prefix 'bc')",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4|REGTEST|a mainnet address (prefix 'bc'), but this deployment pays on regtest (prefix 'bcrt')"})
    void anAddressOfAnotherNetworkIsRefusedNamingBoth(String text, BitcoinNetwork network, String why) {
        assertThatThrownBy(() -> SegwitAddress.parse(text, network)).hasMessage("address: not a valid bitcoin address: " + why);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|20", "0|32", "1|32", "2|2", "16|40"})
    void regtestAddressesRoundTripThroughTheEncoder(int version, int length) {
        byte[] program = new byte[length];
        for (int i = 0; i < length; i++) {
            program[i] = (byte) (i * 7 + 1);
        }
        byte[] values5 = Bech32.convertBits(program, 8, 5, true);
        byte[] data = new byte[values5.length + 1];
        data[0] = (byte) version;
        System.arraycopy(values5, 0, data, 1, values5.length);
        String text = Bech32.encode("bcrt", data, version == 0 ? Bech32.Encoding.BECH32 : Bech32.Encoding.BECH32M);

        SegwitAddress address = SegwitAddress.parse(text, BitcoinNetwork.REGTEST);

        assertThat(address.version()).isEqualTo(version);
        assertThat(address.program()).isEqualTo(program);
    }
}
