package io.edgecoder.ledger.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.ledger.inference.InferencePricing.ModelClass;
import io.edgecoder.ledger.inference.InferencePricing.Price;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferencePricingTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private final InferencePricing pricing = InferencePricing.DEFAULT;

    @Test
    void theClassFollowsTheSizeOfTheWeightsAndAnUnknownSizeIsMedium() {
        assertThat(pricing.classOf(2 * GIB)).isEqualTo(ModelClass.SMALL);
        assertThat(pricing.classOf(3 * GIB)).isEqualTo(ModelClass.SMALL);
        assertThat(pricing.classOf(3 * GIB + 1)).isEqualTo(ModelClass.MEDIUM);
        assertThat(pricing.classOf(12 * GIB)).isEqualTo(ModelClass.MEDIUM);
        assertThat(pricing.classOf(40 * GIB)).isEqualTo(ModelClass.LARGE);
        assertThat(pricing.classOf(0)).isEqualTo(ModelClass.MEDIUM);
    }

    @Test
    void aCallCostsItsPromptAndCompletionTokensAtTheClassPricesRoundedHalfUp() {
        Price medium = pricing.price(ModelClass.MEDIUM); // 500 and 2500 milli per 1000 tokens
        assertThat(medium.cost(100, 20)).isEqualTo(100); // 50 + 50
        assertThat(medium.cost(1, 0)).isEqualTo(1); // 0.5 rounds up
        assertThat(medium.cost(0, 0)).isEqualTo(1); // never free
        assertThat(pricing.price(ModelClass.LARGE).cost(1000, 1000)).isEqualTo(9000);
        assertThat(pricing.price(ModelClass.SMALL).cost(333, 7)).isEqualTo(74); // 66.6 + 7 = 73.6
    }

    @Test
    void theEscrowBoundsThePromptFromAboveAndUsesMaxTokensOrTheDefault() {
        Price medium = pricing.price(ModelClass.MEDIUM);
        // 1000 characters → at most 500 tokens, plus 8 per message (2 messages): 516 prompt tokens
        assertThat(InferencePricing.promptBound(1000, 2)).isEqualTo(516);
        assertThat(pricing.escrow(medium, 1000, 2, 100)).isEqualTo(medium.cost(516, 100));
        assertThat(pricing.escrow(medium, 1000, 2, null)).isEqualTo(medium.cost(516, 1024));
        // a provider's real count of a 1000-character prompt (about 250 tokens) stays below the bound
        assertThat(medium.cost(250 + 16, 100)).isLessThan(pricing.escrow(medium, 1000, 2, 100));
    }

    @Test
    void tokensAreEstimatedFromCharactersWhenAProviderCountsNone() {
        assertThat(InferencePricing.estimate(0)).isZero();
        assertThat(InferencePricing.estimate(1)).isEqualTo(1);
        assertThat(InferencePricing.estimate(400)).isEqualTo(100);
        assertThat(InferencePricing.estimate(401)).isEqualTo(101);
    }

    @Test
    void badTablesAreRefused() {
        Map<ModelClass, Price> prices = Map.of(ModelClass.SMALL, new Price(1, 1), ModelClass.MEDIUM, new Price(1, 1));
        assertThatThrownBy(() -> new InferencePricing(1, 2, ModelClass.SMALL, prices, 10)).hasMessageContaining("large");
        assertThatThrownBy(() -> new Price(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Price(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelClass.parse("huge")).hasMessageContaining("small, medium or large");
        assertThatThrownBy(() -> new InferencePricing(10, 5, ModelClass.SMALL, InferencePricing.DEFAULT.prices(), 10))
            .hasMessageContaining("class bounds");
        assertThatThrownBy(() -> pricing.price(ModelClass.SMALL).cost(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
