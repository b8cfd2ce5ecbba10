package io.kizuna.identity.internal;

import io.kizuna.identity.UserView;
import io.kizuna.shared.Actor;
import io.kizuna.shared.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Short-lived cache of who a token or session is, so an authenticated API call does not cost a query.
 * Changes on this node invalidate at once; changes on other nodes show within the TTL (default 5 s).
 */
@Component
public class ActorCache {
    private record Entry(Actor actor, long tokenId, long loadedAt) {}

    private static final int MAX_ENTRIES = 50_000;
    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
    private final Map<Long, Entry> byUser = new ConcurrentHashMap<>();
    private record ViewEntry(UserView view, long loadedAt) {}
    private final Map<Long, ViewEntry> views = new ConcurrentHashMap<>();
    private record NameEntry(io.kizuna.identity.MemberName name, long loadedAt) {}
    private final Map<Long, NameEntry> names = new ConcurrentHashMap<>();
    private final long ttlNanos;

    ActorCache(@Value("${kizuna.auth.cache-ttl-ms:5000}") long ttlMillis) {
        this.ttlNanos = ttlMillis * 1_000_000;
    }

    public Optional<Actor> cachedToken(String hashHex) {
        var e = byToken.get(hashHex);
        return e != null && System.nanoTime() - e.loadedAt() < ttlNanos ? Optional.of(e.actor()) : Optional.empty();
    }

    public void putToken(String hashHex, Actor actor, long tokenId) {
        if (byToken.size() > MAX_ENTRIES) byToken.clear();
        byToken.put(hashHex, new Entry(actor, tokenId, System.nanoTime()));
    }

    public Optional<Actor> cachedUser(UserId id) {
        var e = byUser.get(id.value());
        return e != null && System.nanoTime() - e.loadedAt() < ttlNanos ? Optional.of(e.actor()) : Optional.empty();
    }

    public void putUser(Actor actor) {
        if (byUser.size() > MAX_ENTRIES) byUser.clear();
        byUser.put(actor.id().value(), new Entry(actor, 0, System.nanoTime()));
    }

    public Optional<UserView> cachedView(UserId id) {
        var e = views.get(id.value());
        return e != null && System.nanoTime() - e.loadedAt() < ttlNanos ? Optional.of(e.view()) : Optional.empty();
    }

    public void putView(UserView view) {
        if (views.size() > MAX_ENTRIES) views.clear();
        views.put(Long.parseLong(view.id()), new ViewEntry(view, System.nanoTime()));
    }

    /** Authors' display names for content lists (same TTL; a rename shows elsewhere within it). */
    public Optional<io.kizuna.identity.MemberName> cachedName(UserId id) {
        var e = names.get(id.value());
        return e != null && System.nanoTime() - e.loadedAt() < ttlNanos ? Optional.of(e.name()) : Optional.empty();
    }

    public void putName(UserId id, io.kizuna.identity.MemberName name) {
        if (names.size() > MAX_ENTRIES) names.clear();
        names.put(id.value(), new NameEntry(name, System.nanoTime()));
    }

    /** Forget everything about a member (role change, password change, erasure, token revoke). */
    public void evict(UserId id) {
        byUser.remove(id.value());
        views.remove(id.value());
        names.remove(id.value());
        byToken.values().removeIf(e -> e.actor().id().equals(id));
    }

    public void evictToken(long tokenId) {
        byToken.values().removeIf(e -> e.tokenId() == tokenId);
    }
}
