package io.edgecoder.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.Role;
import io.edgecoder.core.trust.BusPolicy;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Where chats and plans go by locality, and who may send there. */
class InferenceAddressesTest {

    @Test
    void aLocalOnlyPlanGoesToItsOrganisationsOwnAddressAndOthersToTheMeshWideOne() {
        assertThat(InferenceAddresses.plan("acme", true)).isEqualTo("edgecoder.inference.plan.org.acme")
            .isNotEqualTo(InferenceAddresses.plan("globex", true));
        assertThat(InferenceAddresses.plan("acme", false)).isEqualTo(InferenceAddresses.PLAN_CREATE);
        assertThat(InferenceAddresses.plan(null, false)).isEqualTo(InferenceAddresses.PLAN_CREATE);
    }

    @Test
    void aLocalOnlyPlanWithoutAnOrganisationHasNoAddress() {
        assertThatThrownBy(() -> InferenceAddresses.plan(null, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InferenceAddresses.plan(" ", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyCoordinatorsMayAskForAPlanOnEitherAddress() {
        assertThat(BusPolicy.allowed(InferenceAddresses.plan("acme", true))).isEqualTo(EnumSet.of(Role.COORDINATOR));
        assertThat(BusPolicy.allowed(InferenceAddresses.PLAN_CREATE)).isEqualTo(EnumSet.of(Role.COORDINATOR));
        assertThat(BusPolicy.allowed(InferenceAddresses.chat("acme", true))).isNull();
    }
}
