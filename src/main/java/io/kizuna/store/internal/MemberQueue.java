package io.kizuna.store.internal;

import io.kizuna.shared.UserId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Runs one member's orders one at a time on this node, in arrival order. Two orders of one member contend for the same
 * rows (their purchase counts, their coupon uses), so the second would wait for the first's row locks while holding a
 * database connection that other buyers need; here it waits without one. Other nodes still meet at those row locks,
 * which stay the rule. Members with nothing in flight cost no memory.
 */
@Component
public class MemberQueue {
    private static final class Turn {
        final ReentrantLock lock = new ReentrantLock(true);
        int waiting; // changed only inside the map's compute, which locks the entry
    }

    private final ConcurrentHashMap<Long, Turn> turns = new ConcurrentHashMap<>();

    public <T> T oneAtATime(UserId member, Supplier<T> action) {
        long id = member.value();
        var turn = turns.compute(id, (k, t) -> {
            var held = t == null ? new Turn() : t;
            held.waiting++;
            return held;
        });
        turn.lock.lock();
        try {
            return action.get();
        } finally {
            turn.lock.unlock();
            turns.computeIfPresent(id, (k, t) -> --t.waiting == 0 ? null : t);
        }
    }

    /** Members with an order in flight or waiting (for tests). */
    int size() {
        return turns.size();
    }
}
