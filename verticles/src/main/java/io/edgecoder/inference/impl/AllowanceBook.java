package io.edgecoder.inference.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.InferenceAllowanceCloseReply;
import io.edgecoder.core.message.InferenceAllowanceCloseRequest;
import io.edgecoder.core.message.InferenceAllowanceReply;
import io.edgecoder.core.message.InferenceAllowanceRequest;
import io.edgecoder.core.message.InferenceAuthorizeReply;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standing allowances this routing node holds, one current per account (docs/inference.md, "Allowances"). A call
 * of an account is admitted here when what is left of its allowance (amount, minus the most cost of its calls in
 * flight, minus what its settled calls were charged) covers the call's most cost, priced with the ledger's own
 * numbers; its model starts at once and the call is drawn from the allowance on the ledger meanwhile. Below a quarter
 * left, the next allowance is asked for in the background; the one it replaces takes no new calls and is closed (its
 * rest goes back) once its calls are done. No allowance yet (the account's first call): the call waits for the one
 * being asked for; none granted, or not enough left: the caller escrows the call on its own, waiting for the ledger as before. Runs on the inference role's event loop only.
 */
final class AllowanceBook {
    private static final Logger LOG = LoggerFactory.getLogger(AllowanceBook.class);
    private static final int MAX_ACCOUNTS = 10_000;
    private static final int RECENT_IDS = 10_000;
    private static final long REFUSED_BACKOFF_MS = 30_000;
    private static final long FAILED_BACKOFF_MS = 5_000;

    private final BusClient bus;
    private final long amountMilli;
    private final Map<String, Held> current = new HashMap<>();
    private final Map<String, Long> backoffUntil = new HashMap<>();
    private final Map<String, Future<Void>> granting = new HashMap<>();
    private final Map<String, Admitted> calls = new HashMap<>();
    private final LinkedHashSet<String> recent = new LinkedHashSet<>();

    AllowanceBook(BusClient bus, long amountMilli) {
        this.bus = bus;
        this.amountMilli = amountMilli;
    }

    /** One allowance as this node sees it. */
    private static final class Held {
        final InferenceAllowanceReply grant;
        final long usableUntil;
        long inFlight;
        long charged;
        int calls;
        boolean retired;
        boolean closed;

        Held(InferenceAllowanceReply grant, long now) {
            this.grant = grant;
            long expires = grant.expiresAt().toEpochMilli();
            // the last fifth of its life takes no new calls: their draws reach the ledger well before it expires
            this.usableUntil = expires - Math.max(0, expires - now) / 5;
        }

        long left() {
            return grant.amountMilli() - inFlight - charged;
        }
    }

    private record Admitted(Held held, long most, Future<InferenceAuthorizeReply> draw) {
    }

    /**
     * Admits a call on its account's allowance and draws it on the ledger in the background; false: escrow it on its own.
     * A call that finds its account's next allowance being asked for waits for that answer first: escrowing it on its own
     * meanwhile would compete with the grant for the same credits (a grant may take all the account can spend).
     */
    Future<Boolean> admit(ChatRequest r, long sizeBytes, String pinnedClass, long promptChars) {
        if (r.jobId() != null || r.actor() == null || r.maxTokens() == null || !remember(r.requestId())) {
            return Future.succeededFuture(false);
        }
        if (take(r, sizeBytes, pinnedClass, promptChars)) {
            return Future.succeededFuture(true);
        }
        Future<Void> asked = granting.get(r.actor().account());
        return asked == null ? Future.succeededFuture(false)
            : asked.transform(ar -> Future.succeededFuture(take(r, sizeBytes, pinnedClass, promptChars)));
    }

    private boolean take(ChatRequest r, long sizeBytes, String pinnedClass, long promptChars) {
        String account = r.actor().account();
        Held held = usable(account);
        long most = held == null ? 0 : mostCost(held, r, sizeBytes, pinnedClass, promptChars);
        if (held == null || most < 0 || held.left() < most) {
            want(r.actor(), Math.max(0, most));
            return false;
        }
        held.inFlight += most;
        held.calls++;
        calls.put(r.requestId(), new Admitted(held, most, draw(r, held, sizeBytes, pinnedClass, promptChars)));
        if (held.left() < held.grant.amountMilli() / 4) {
            want(r.actor(), most);
        }
        return true;
    }

    /** The call's most cost at the ledger's prices; -1 when they do not price it (then the ledger escrows it on its own). */
    private static long mostCost(Held held, ChatRequest r, long sizeBytes, String pinnedClass, long promptChars) {
        try {
            String modelClass = pinnedClass != null ? pinnedClass : held.grant.prices().classOf(sizeBytes);
            return held.grant.prices().mostCost(modelClass, promptChars, r.messages().size(), r.maxTokens());
        } catch (IllegalStateException | ArithmeticException e) {
            return -1;
        }
    }

    /** A request id seen before is left to the ledger to judge (a retry of a settled call is refused there, before its model). */
    private boolean remember(String requestId) {
        if (!recent.add(requestId)) {
            return false;
        }
        if (recent.size() > RECENT_IDS) {
            Iterator<String> oldest = recent.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private Held usable(String account) {
        Held held = current.get(account);
        if (held != null && (held.retired || System.currentTimeMillis() >= held.usableUntil)) {
            current.remove(account);
            retire(held);
            return null;
        }
        return held;
    }

    private Future<InferenceAuthorizeReply> draw(ChatRequest r, Held held, long sizeBytes, String pinnedClass, long promptChars) {
        InferenceAuthorizeRequest draw = new InferenceAuthorizeRequest(r.requestId(), r.model(), sizeBytes, promptChars,
            r.messages().size(), r.maxTokens(), r.actor(), null, pinnedClass, held.grant.allowanceId());
        return bus.requestIdempotent(LedgerAddresses.INFERENCE_AUTHORIZE, draw, InferenceAuthorizeReply.class, 3)
            .onFailure(failure -> refusedDraw(r.requestId(), held, BusClient.toMesh(failure)));
    }

    private void refusedDraw(String requestId, Held held, MeshException failure) {
        LOG.warn("chat {}: the ledger did not take it from allowance {} ({}); the allowance takes no more calls",
            requestId, held.grant.allowanceId(), failure.getMessage());
        held.retired = true;
    }

    /** The draw of a call admitted here, while the call is in flight. */
    Optional<Future<InferenceAuthorizeReply>> drawOf(String requestId) {
        Admitted admitted = calls.get(requestId);
        return admitted == null ? Optional.empty() : Optional.of(admitted.draw());
    }

    /** An admitted call ended: {@code chargedMilli} as settled (0 for a failed call, whose escrow went back to the allowance). */
    void done(String requestId, long chargedMilli) {
        Admitted admitted = calls.remove(requestId);
        if (admitted == null) {
            return;
        }
        Held held = admitted.held();
        held.inFlight -= admitted.most();
        held.charged += chargedMilli;
        held.calls--;
        if (held.retired && held.calls == 0) {
            close(held);
        }
    }

    /** Asks for the account's next allowance in the background (one at a time per account). */
    private void want(Actor actor, long most) {
        String account = actor.account();
        long now = System.currentTimeMillis();
        if (granting.containsKey(account) || backoffUntil.getOrDefault(account, 0L) > now
            || !current.containsKey(account) && current.size() >= MAX_ACCOUNTS) {
            return;
        }
        long min = Math.min(amountMilli, Math.max(amountMilli / 10, most));
        InferenceAllowanceRequest ask = new InferenceAllowanceRequest("a-" + UUID.randomUUID(), actor, amountMilli, Math.max(1, min));
        Future<Void> asked = bus.requestIdempotent(LedgerAddresses.INFERENCE_ALLOWANCE_GRANT, ask, InferenceAllowanceReply.class, 3)
            .onSuccess(this::granted)
            .onFailure(failure -> notGranted(account, BusClient.toMesh(failure)))
            .mapEmpty();
        granting.put(account, asked);
        asked.onComplete(ar -> granting.remove(account));
    }

    private void granted(InferenceAllowanceReply grant) {
        String account = grant.payer().startsWith("user:") ? grant.payer().substring("user:".length()) : grant.payer();
        Held previous = current.put(account, new Held(grant, System.currentTimeMillis()));
        backoffUntil.remove(account);
        LOG.debug("allowance {} of {} milli-credits for {} granted", grant.allowanceId(), grant.amountMilli(), grant.payer());
        if (previous != null) {
            retire(previous);
        }
    }

    private void notGranted(String account, MeshException failure) {
        boolean refused = failure.code() == ErrorCode.PAYMENT_REQUIRED;
        backoffUntil.put(account, System.currentTimeMillis() + (refused ? REFUSED_BACKOFF_MS : FAILED_BACKOFF_MS));
        LOG.debug("no allowance for {} ({}); its calls are escrowed one by one", account, failure.getMessage());
    }

    private void retire(Held held) {
        held.retired = true;
        if (held.calls == 0) {
            close(held);
        }
    }

    private void close(Held held) {
        if (held.closed) {
            return;
        }
        held.closed = true;
        bus.request(LedgerAddresses.INFERENCE_ALLOWANCE_CLOSE, new InferenceAllowanceCloseRequest(held.grant.allowanceId()),
                InferenceAllowanceCloseReply.class)
            .onFailure(e -> LOG.warn("allowance {} not closed ({}); the ledger returns its rest when it expires",
                held.grant.allowanceId(), e.getMessage()));
    }
}
