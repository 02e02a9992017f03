package io.edgecoder.coordinator.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.ToIntFunction;

/**
 * Waiting work in weighted fair order (stride scheduling). Each account with waiting work has a
 * virtual time, its {@code pass}; the account with the lowest pass is served next and its pass
 * grows by {@code 1 / weight}, so while several accounts wait, slots go to them in proportion to
 * their weights however many items each has queued. An account that starts waiting again starts at
 * the current virtual time (no credit banked while idle). Within an account, higher priority first,
 * then arrival order. Urgent items (tie-breaks) go before everything. Not thread-safe: confined to
 * the coordinator's event loop like the capacity table.
 *
 * @param <W> the waiting item
 */
final class FairQueue<W> {
    private static final int PRIORITIES = 10;

    private final ToIntFunction<String> weights;
    private final Map<String, Account<W>> accounts = new HashMap<>();
    private final ArrayDeque<W> urgent = new ArrayDeque<>();
    private double virtualTime;
    private int size;

    FairQueue(ToIntFunction<String> weights) {
        this.weights = weights;
    }

    int size() {
        return size;
    }

    void addUrgent(W item) {
        urgent.addLast(item);
        size++;
    }

    void add(W item, String account, int priority) {
        Account<W> a = accounts.computeIfAbsent(account, k -> new Account<>(k, Math.max(1, weights.applyAsInt(k))));
        if (a.size == 0) {
            a.pass = Math.max(a.pass, virtualTime);
        }
        a.byPriority[PRIORITIES - 1 - priority].addLast(item);
        a.size++;
        size++;
    }

    /** Removes {@code item} wherever it waits; false when it was not waiting. */
    boolean remove(W item, String account) {
        if (urgent.remove(item)) {
            size--;
            return true;
        }
        Account<W> a = accounts.get(account);
        if (a == null) {
            return false;
        }
        for (ArrayDeque<W> q : a.byPriority) {
            if (q.remove(item)) {
                taken(a);
                return true;
            }
        }
        return false;
    }

    /** Urgent items, oldest first (a snapshot). */
    List<W> urgentItems() {
        return List.copyOf(urgent);
    }

    /** Every waiting item (a snapshot, in no particular order). */
    List<W> all() {
        List<W> out = new ArrayList<>(urgent);
        accounts.values().forEach(a -> {
            for (ArrayDeque<W> q : a.byPriority) {
                out.addAll(q);
            }
        });
        return out;
    }

    /** The accounts with waiting work, lowest pass (next to serve) first. */
    PriorityQueue<Account<W>> order() {
        PriorityQueue<Account<W>> order = new PriorityQueue<>((x, y) -> x.pass != y.pass ? Double.compare(x.pass, y.pass)
            : x.name.compareTo(y.name));
        accounts.values().stream().filter(a -> a.size > 0).forEach(order::add);
        return order;
    }

    /** {@code item} of {@code account} was served: it leaves the queue and the account's pass advances. */
    void served(W item, Account<W> account) {
        if (urgent.remove(item)) {
            size--;
            return;
        }
        for (ArrayDeque<W> q : account.byPriority) {
            if (q.remove(item)) {
                virtualTime = account.pass;
                account.pass += 1.0 / account.weight;
                taken(account);
                return;
            }
        }
    }

    private void taken(Account<W> a) {
        a.size--;
        size--;
        if (a.size == 0 && accounts.size() > 10_000) {
            accounts.remove(a.name); // keep the table bounded; a returning account restarts at the virtual time anyway
        }
    }

    /** One account's waiting items by priority (highest first) and its virtual time. */
    static final class Account<W> {
        final String name;
        final int weight;
        double pass;
        int size;
        @SuppressWarnings("unchecked")
        final ArrayDeque<W>[] byPriority = new ArrayDeque[PRIORITIES];

        Account(String name, int weight) {
            this.name = name;
            this.weight = weight;
            for (int i = 0; i < PRIORITIES; i++) {
                byPriority[i] = new ArrayDeque<>();
            }
        }

        /** Up to {@code max} items in serving order. */
        List<W> head(int max) {
            List<W> out = new ArrayList<>(Math.min(max, size));
            for (ArrayDeque<W> q : byPriority) {
                for (Iterator<W> it = q.iterator(); it.hasNext() && out.size() < max; ) {
                    out.add(it.next());
                }
                if (out.size() >= max) {
                    break;
                }
            }
            return out;
        }
    }
}
