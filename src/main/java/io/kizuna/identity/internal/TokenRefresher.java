package io.kizuna.identity.internal;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads the tokens that {@link ActorCache} saw in use past half their TTL again, all in one query, on a thread of
 * its own: a busy member's requests keep finding their token cached, and a token revoked or expired on another node
 * is dropped when the reload no longer finds it (no entry is ever served past the TTL, so that bound is unchanged).
 */
@Component
class TokenRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
    private static final int BATCH = 500;

    private final ActorCache cache;
    private final Tokens tokens;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("token-refresh").daemon().factory());

    @Autowired
    TokenRefresher(ActorCache cache, Tokens tokens, @Value("${kizuna.auth.cache-ttl-ms:5000}") long ttlMillis) {
        this(cache, tokens);
        long every = Math.max(10, ttlMillis / 10);
        thread.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    /** Without its thread: the caller calls {@link #refresh} (tests). */
    TokenRefresher(ActorCache cache, Tokens tokens) {
        this.cache = cache;
        this.tokens = tokens;
    }

    void refresh() {
        try {
            var aging = cache.takeAgingTokens();
            for (int from = 0; from < aging.size(); from += BATCH) load(aging.subList(from, Math.min(aging.size(), from + BATCH)));
        } catch (RuntimeException e) {
            // the entries simply expire and the next request looks its token up itself
            log.warn("Reloading cached tokens failed: {}", e.toString());
        }
    }

    private void load(List<String> keys) {
        var hex = HexFormat.of();
        long stamp = cache.evictions();
        var found = new HashMap<String, Tokens.ActiveToken>();
        for (var t : tokens.findActive(keys.stream().map(hex::parseHex).toList())) found.put(hex.formatHex(t.hash()), t);
        for (var key : keys) {
            var t = found.get(key);
            if (t == null) cache.dropToken(key);
            else cache.putToken(key, t.user().actor(), t.tokenId(), stamp);
        }
        if (!found.isEmpty()) tokens.touch(found.values().stream().mapToLong(Tokens.ActiveToken::tokenId).toArray());
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
