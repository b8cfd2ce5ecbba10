package io.kizuna.identity.internal;

import io.kizuna.identity.MemberName;
import io.kizuna.identity.UserView;
import io.kizuna.shared.Actor;
import io.kizuna.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Short-lived cache of who a token or session is, so an authenticated API call does not cost a query.
 * Changes on this node invalidate at once; changes on other nodes show within the TTL (default 5 s). A token in use
 * past half its TTL is queued for {@link TokenRefresher} to load again in the background, so a busy member's requests
 * do not wait for a connection to look their token up every 5 s (in a limited drop that put a buyer in the
 * connection queue twice, behind 200 others each time).
 */
@Component
public class ActorCache {
    private static final int MAX_ENTRIES = 50_000;

    /** A token's member and the token's id (so one revoked token can be dropped). */
    private record TokenActor(Actor actor, long tokenId) {}

    private final Expiring<String, TokenActor> byToken;
    private final Expiring<Long, Actor> byUser;
    private final Expiring<Long, UserView> views;
    private final Expiring<Long, MemberName> names;
    private final Set<String> agingTokens = ConcurrentHashMap.newKeySet();
    private final AtomicLong evictions = new AtomicLong();

    ActorCache(@Value("${kizuna.auth.cache-ttl-ms:5000}") long ttlMillis) {
        long ttlNanos = ttlMillis * 1_000_000;
        byToken = new Expiring<>(ttlNanos);
        byUser = new Expiring<>(ttlNanos);
        views = new Expiring<>(ttlNanos);
        names = new Expiring<>(ttlNanos);
    }

    public Optional<Actor> cachedToken(String hashHex) {
        var cached = byToken.get(hashHex);
        if (cached.isPresent() && byToken.aging(hashHex) && agingTokens.size() < MAX_ENTRIES) agingTokens.add(hashHex);
        return cached.map(TokenActor::actor);
    }

    /** The tokens used past half their TTL since the last call; the caller loads them again. */
    List<String> takeAgingTokens() {
        var taken = new ArrayList<String>();
        for (var it = agingTokens.iterator(); it.hasNext(); ) {
            taken.add(it.next());
            it.remove();
        }
        return taken;
    }

    /** A token found revoked, expired or its member erased when it was loaded again. */
    void dropToken(String hashHex) {
        byToken.remove(hashHex);
    }

    public Optional<Actor> cachedUser(UserId id) {
        return byUser.get(id.value());
    }

    public void putUser(Actor actor) {
        byUser.put(actor.id().value(), actor);
    }

    public Optional<UserView> cachedView(UserId id) {
        return views.get(id.value());
    }

    public void putView(UserView view) {
        views.put(Long.parseLong(view.id()), view);
    }

    /** Authors' display names for content lists (same TTL; a rename shows elsewhere within it). */
    public Optional<MemberName> cachedName(UserId id) {
        return names.get(id.value());
    }

    public void putName(UserId id, MemberName name) {
        names.put(id.value(), name);
    }

    /**
     * Forget everything about a member (role change, password change, erasure, token revoke): now, and again when the
     * caller's transaction ends, so a lookup that read the old rows meanwhile cannot put them back.
     */
    public void evict(UserId id) {
        evictNowAndAfterCommit(() -> {
            byUser.remove(id.value());
            views.remove(id.value());
            names.remove(id.value());
            byToken.removeIf(t -> t.actor().id().equals(id));
        });
    }

    public void evictToken(long tokenId) {
        evictNowAndAfterCommit(() -> byToken.removeIf(t -> t.tokenId() == tokenId));
    }

    /** A stamp to pass to {@link #putToken(String, Actor, long, long)}, taken before the token is read. */
    public long evictions() {
        return evictions.get();
    }

    /** Caches a token read after {@code stamp}, unless an eviction came meanwhile (the read may be older than it). */
    public void putToken(String hashHex, Actor actor, long tokenId, long stamp) {
        byToken.put(hashHex, new TokenActor(actor, tokenId));
        // put, then check: an eviction that counted after this check removes the entry itself afterwards
        if (evictions.get() != stamp) byToken.remove(hashHex);
    }

    private void evictNowAndAfterCommit(Runnable eviction) {
        evictions.incrementAndGet();
        eviction.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evictions.incrementAndGet();
                    eviction.run();
                }
            });
        }
    }

    /** A map whose entries count as absent once older than the TTL; cleared when it grows past its bound. */
    private static final class Expiring<K, V> {
        private record Entry<V>(V value, long loadedAt) {}

        private final Map<K, Entry<V>> map = new ConcurrentHashMap<>();
        private final long ttlNanos;

        Expiring(long ttlNanos) {
            this.ttlNanos = ttlNanos;
        }

        /** Present and older than half the TTL. */
        boolean aging(K key) {
            var e = map.get(key);
            return e != null && System.nanoTime() - e.loadedAt() >= ttlNanos / 2;
        }

        Optional<V> get(K key) {
            var e = map.get(key);
            return e != null && System.nanoTime() - e.loadedAt() < ttlNanos ? Optional.of(e.value()) : Optional.empty();
        }

        void put(K key, V value) {
            if (map.size() > MAX_ENTRIES) map.clear();
            map.put(key, new Entry<>(value, System.nanoTime()));
        }

        void remove(K key) {
            map.remove(key);
        }

        void removeIf(Predicate<V> test) {
            map.values().removeIf(e -> test.test(e.value()));
        }
    }
}
