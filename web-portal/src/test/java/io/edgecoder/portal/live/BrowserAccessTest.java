package io.edgecoder.portal.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.trust.BusPolicy;
import io.edgecoder.core.Role;
import io.edgecoder.portal.Caller;
import io.vertx.ext.bridge.BridgeEventType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrowserAccessTest {
    private static final Caller ALICE = new Caller("acc_alice", false, Set.of("user"), null, Caller.ALL_SCOPES, Caller.VIA_SESSION);
    private static final Caller OWNER = new Caller("acc_owner", false, Set.of("user", "coordinator-owner"), "acme",
        Caller.ALL_SCOPES, Caller.VIA_SESSION);

    @Test
    void aBrowserMaySendToNoAddressAtAll() {
        for (String address : new String[] {LedgerAddresses.JOB_SETTLE, EconomyAddresses.JOB_HOLD, CoordinatorAddresses.JOB_SUBMIT,
            CoordinatorAddresses.WORKER_HEARTBEAT, WorkerAddresses.RUN_PREFIX + "n1", PortalAddresses.userJobs("acc_alice")}) {
            assertThat(BrowserAccess.refusal(BridgeEventType.SEND, address, OWNER)).as(address).isPresent();
            assertThat(BrowserAccess.refusal(BridgeEventType.PUBLISH, address, OWNER)).as(address).isPresent();
        }
        assertThat(PortalAddresses.BROWSER_INBOUND).isEmpty();
    }

    @Test
    void aBrowserHearsOnlyItsOwnJobsAndTheDashboardOnlyAsOwnerOrAdmin() {
        assertThat(BrowserAccess.refusal(BridgeEventType.REGISTER, PortalAddresses.userJobs("acc_alice"), ALICE)).isEmpty();
        assertThat(BrowserAccess.refusal(BridgeEventType.RECEIVE, PortalAddresses.userJobs("acc_alice"), ALICE)).isEmpty();
        assertThat(BrowserAccess.refusal(BridgeEventType.REGISTER, PortalAddresses.userJobs("acc_owner"), ALICE)).isPresent();
        assertThat(BrowserAccess.refusal(BridgeEventType.RECEIVE, PortalAddresses.userJobs("acc_owner"), ALICE)).isPresent();
        assertThat(BrowserAccess.refusal(BridgeEventType.REGISTER, CoordinatorAddresses.JOB_EVENTS, OWNER)).isPresent();
        assertThat(BrowserAccess.refusal(BridgeEventType.REGISTER, PortalAddresses.DASHBOARD, ALICE)).isPresent();
        assertThat(BrowserAccess.refusal(BridgeEventType.REGISTER, PortalAddresses.DASHBOARD, OWNER)).isEmpty();
        assertThat(BrowserAccess.refusal(BridgeEventType.REGISTER, PortalAddresses.DASHBOARD, Caller.administrator())).isEmpty();
        assertThat(BrowserAccess.refusal(BridgeEventType.REGISTER, null, OWNER)).isPresent();
    }

    @Test
    void theBridgesOwnOutboundListMatchesOnlyPerAccountAddressesAndTheDashboard() {
        var options = BrowserBridge.options();
        assertThat(options.getInboundPermitteds()).isEmpty();
        assertThat(options.getOutboundPermitteds()).hasSize(2);
        assertThat(PortalAddresses.USER_JOBS.matcher(PortalAddresses.userJobs("acc_x")).matches()).isTrue();
        assertThat(PortalAddresses.USER_JOBS.matcher(PortalAddresses.USER_JOBS_PREFIX + "a.b.jobs").matches()).isFalse();
        assertThat(PortalAddresses.USER_JOBS.matcher(CoordinatorAddresses.JOB_EVENTS).matches()).isFalse();
    }

    @Test
    void onlyPortalNodesMayUseTheBrowserAddressesFromAnotherNode() {
        assertThat(BusPolicy.allowed(PortalAddresses.userJobs("acc_x"))).containsExactly(Role.PORTAL);
        assertThat(BusPolicy.allowed(PortalAddresses.DASHBOARD)).containsExactly(Role.PORTAL);
    }
}
