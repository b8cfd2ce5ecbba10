package io.kizuna.identity.internal;

import io.kizuna.identity.IdentityManagement.Contact;
import io.kizuna.identity.MemberName;
import io.kizuna.identity.UserView;
import io.kizuna.platform.AfterTransaction;
import io.kizuna.shared.Actor;
import io.kizuna.shared.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Short-lived cache of who a token or session is, so an authenticated API call does not cost a query.
 * Changes on this node invalidate at once; changes on other nodes show within the TTL (default 5 s).
 *
 * <p>A lookup races an eviction: it may read a token or member row just before a revocation or role change commits
 * and cache it just after the eviction ran, which would undo the change on this node for a whole TTL. So an eviction
 * runs again when the evicting transaction ends, and a lookup caches only if no eviction counted since it began
 * ({@link #evictions()} is its stamp).
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
    private final Expiring<Long, Contact> contacts;
    private final AtomicLong evictions = new AtomicLong();

    ActorCache(@Value("${kizuna.auth.cache-ttl-ms:5000}") long ttlMillis) {
        long ttlNanos = ttlMillis * 1_000_000;
        byToken = new Expiring<>(ttlNanos);
        byUser = new Expiring<>(ttlNanos);
        views = new Expiring<>(ttlNanos);
        names = new Expiring<>(ttlNanos);
        contacts = new Expiring<>(ttlNanos);
    }

    public Optional<Actor> cachedToken(String hashHex) {
        return byToken.get(hashHex).map(TokenActor::actor);
    }

    /** A stamp taken before a token or member is read, to pass to {@link #putToken} or {@link #putUser}. */
    public long evictions() {
        return evictions.get();
    }

    public void putToken(String hashHex, Actor actor, long tokenId, long stamp) {
        putUnlessEvicted(byToken, hashHex, new TokenActor(actor, tokenId), stamp);
    }

    public Optional<Actor> cachedUser(UserId id) {
        return byUser.get(id.value());
    }

    public void putUser(Actor actor, long stamp) {
        putUnlessEvicted(byUser, actor.id().value(), actor, stamp);
    }

    private <K, V> void putUnlessEvicted(Expiring<K, V> map, K key, V value, long stamp) {
        map.put(key, value);
        // put, then check: an eviction counted after this check removes the entry itself
        if (evictions.get() != stamp) map.remove(key);
    }

    /** A live member's purchase contact (address, name, language); erasure and profile changes evict it. */
    public Optional<Contact> cachedContact(UserId id) {
        return contacts.get(id.value());
    }

    public void putContact(Contact contact, long stamp) {
        putUnlessEvicted(contacts, contact.id().value(), contact, stamp);
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

    /** Forget everything about a member (role change, password change, erasure, token revoke), now and at commit. */
    public void evict(UserId id) {
        evictNowAndAtTransactionEnd(() -> {
            byUser.remove(id.value());
            views.remove(id.value());
            names.remove(id.value());
            contacts.remove(id.value());
            byToken.removeIf(t -> t.actor().id().equals(id));
        });
    }

    public void evictToken(long tokenId) {
        evictNowAndAtTransactionEnd(() -> byToken.removeIf(t -> t.tokenId() == tokenId));
    }

    private void evictNowAndAtTransactionEnd(Runnable eviction) {
        Runnable counted = () -> {
            evictions.incrementAndGet();
            eviction.run();
        };
        counted.run();
        AfterTransaction.completion(counted);
    }

    /** A map whose entries count as absent once older than the TTL; cleared when it grows past its bound. */
    private static final class Expiring<K, V> {
        private record Entry<V>(V value, long loadedAt) {}

        private final Map<K, Entry<V>> map = new ConcurrentHashMap<>();
        private final long ttlNanos;

        Expiring(long ttlNanos) {
            this.ttlNanos = ttlNanos;
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
