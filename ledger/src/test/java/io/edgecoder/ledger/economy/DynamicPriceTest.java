package io.edgecoder.ledger.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DynamicPriceTest {
    private final DynamicPrice price = new DynamicPrice(new DynamicPrice.Params(1000, 250, 4000, 500, 200));

    @Test
    void startsAtTheBasePrice() {
        assertThat(price.current()).isEqualTo(1000);
    }

    @Test
    void balancedLoadKeepsTheBasePrice() {
        assertThat(price.observe(10, 10)).isEqualTo(1000);
    }

    @Test
    void demandAboveCapacityRaisesThePriceGradually() {
        // load 3 → target 1000 × (1 + 0.5 × 2) = 2000; first step moves 20 % of the way
        assertThat(price.observe(30, 10)).isEqualTo(1200);
        assertThat(price.observe(30, 10)).isEqualTo(1360);
        for (int i = 0; i < 100; i++) {
            price.observe(30, 10);
        }
        assertThat(price.current()).isEqualTo(2000);
    }

    @Test
    void priceStaysWithinItsBounds() {
        for (int i = 0; i < 200; i++) {
            price.observe(1_000_000, 0);
        }
        assertThat(price.current()).isEqualTo(4000);
        for (int i = 0; i < 200; i++) {
            price.observe(0, 1000);
        }
        assertThat(price.current()).isEqualTo(500); // target = 1000 × (1 − 0.5) = 500 > min 250
    }

    @Test
    void badParametersAreRefused() {
        assertThatThrownBy(() -> new DynamicPrice.Params(100, 200, 400, 500, 200)).hasMessageContaining("bounds");
        assertThatThrownBy(() -> new DynamicPrice.Params(100, 50, 400, 500, 0)).hasMessageContaining("smoothing");
        assertThatThrownBy(() -> price.observe(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
