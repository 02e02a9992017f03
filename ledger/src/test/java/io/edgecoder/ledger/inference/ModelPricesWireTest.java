package io.edgecoder.ledger.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.ModelPrices;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prices a routing node admits allowance calls with are the ledger's own: the same class, the same most cost. */
class ModelPricesWireTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void theWirePricesComputeExactlyTheEscrowTheLedgerTakes() {
        InferencePricing custom = new InferencePricing(2 * GIB, 8 * GIB, InferencePricing.ModelClass.LARGE, Map.of(
            InferencePricing.ModelClass.SMALL, new InferencePricing.Price(7, 11),
            InferencePricing.ModelClass.MEDIUM, new InferencePricing.Price(333, 1777),
            InferencePricing.ModelClass.LARGE, new InferencePricing.Price(0, 9999)), 512);
        for (InferencePricing pricing : new InferencePricing[] {InferencePricing.DEFAULT, custom}) {
            ModelPrices wire = pricing.wire();
            for (long size : new long[] {0, 1, 2 * GIB, 2 * GIB + 1, 3 * GIB, 3 * GIB + 1, 8 * GIB, 12 * GIB, 12 * GIB + 1, 40 * GIB}) {
                for (long chars : new long[] {0, 1, 999, 1000, 123_457}) {
                    for (int tokens : new int[] {1, 64, 1024, 100_000}) {
                        InferencePricing.ModelClass c = pricing.classOf(size);
                        assertThat(wire.classOf(size)).isEqualTo(c.id());
                        assertThat(wire.mostCost(size, chars, 3, tokens)).as("size %d chars %d tokens %d", size, chars, tokens)
                            .isEqualTo(pricing.escrow(pricing.price(c), chars, 3, tokens));
                    }
                }
            }
        }
    }
}
