package io.edgecoder.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.BalancesRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger shows a person only their own account; an admin every account or the one asked for. */
class BalanceViewsTest {
    private static final Map<String, Long> BOOKS = Map.of("user:alice", -5L, "user:bob", 7L, "node:n1", 3L, "hold:j1", -5L);

    @Test
    void aPersonSeesOnlyTheirOwnBalance() {
        assertThat(BalanceViews.visible(new BalancesRequest(Actor.user("alice"), null), BOOKS).balances())
            .isEqualTo(Map.of("user:alice", -5L));
        assertThat(BalanceViews.visible(new BalancesRequest(Actor.user("carol"), null), BOOKS).balances())
            .as("an account without entries").isEmpty();
    }

    @Test
    void aPersonAskingForAnotherAccountIsRefused() {
        assertThatThrownBy(() -> BalanceViews.visible(new BalancesRequest(Actor.user("bob"), "user:alice"), BOOKS))
            .isInstanceOfSatisfying(MeshException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(e.getMessage()).isEqualTo("account: only your own account user:bob");
            });
    }

    @Test
    void anAdminSeesEveryAccountOrTheOneAskedFor() {
        assertThat(BalanceViews.visible(new BalancesRequest(), BOOKS).balances()).isEqualTo(BOOKS);
        assertThat(BalanceViews.visible(new BalancesRequest(Actor.operator(), "user:bob"), BOOKS).balances())
            .isEqualTo(Map.of("user:bob", 7L));
    }

    @Test
    void aRequestWithoutAnActorSeesNothing() {
        assertThatThrownBy(() -> BalanceViews.visible(new BalancesRequest(null, null), BOOKS))
            .isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> BalanceViews.checkHistory(new AccountHistoryRequest("user:alice", 10, null, null)))
            .isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void historyIsOpenToItsOwnerAndAdminsOnly() {
        BalanceViews.checkHistory(new AccountHistoryRequest("user:alice", 10, null, Actor.user("alice")));
        BalanceViews.checkHistory(new AccountHistoryRequest("user:alice", 10, null, Actor.operator()));
        assertThatThrownBy(() -> BalanceViews.checkHistory(new AccountHistoryRequest("user:alice", 10, null, Actor.user("bob"))))
            .isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> BalanceViews.checkHistory(new AccountHistoryRequest("hold:j1", 10, null, Actor.user("alice"))))
            .isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }
}
