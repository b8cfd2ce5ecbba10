package io.kizuna.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.IntegrationTestBase;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Reloading tokens in use before they expire from the cache, on the real database; revocations always win. */
class TokenRefresherTests extends IntegrationTestBase {
    private static final long TTL_MS = 1_000;
    private static final java.util.concurrent.atomic.AtomicInteger MEMBERS = new java.util.concurrent.atomic.AtomicInteger();

    @Autowired Tokens tokens;
    @Autowired TransactionTemplate tx;

    private ActorCache cache;
    private TokenRefresher refresher;
    private String key;
    private Tokens.ActiveToken token;

    @BeforeEach
    void aMemberWithACachedToken() {
        cache = new ActorCache(TTL_MS);
        refresher = new TokenRefresher(cache, tokens);
        var member = api.member("refresh" + MEMBERS.incrementAndGet() + "@example.com", "Refresh");
        byte[] hash = Secrets.hash(member.token());
        key = HexFormat.of().formatHex(hash);
        token = tokens.findActive(hash).orElseThrow();
        jdbc.sql("update identity_api_tokens set last_used_at = null where id = " + token.tokenId()).update();
        cache.putToken(key, token.user().actor(), token.tokenId(), cache.evictions());
    }

    @Test
    void aTokenUsedPastHalfItsTtlIsReloadedAndStaysCachedPastTheTtl() throws Exception {
        long put = System.nanoTime();
        assertThat(cache.takeAgingTokens()).as("fresh: nothing to reload").isEmpty();
        sleepUntil(put, TTL_MS / 2 + 50);
        assertThat(cache.cachedToken(key)).isPresent(); // in use while aging: queued for a reload
        refresher.refresh();
        sleepUntil(put, TTL_MS + 50);
        assertThat(cache.cachedToken(key)).as("reloaded, so still cached past the first load's TTL").isPresent();
        assertThat(jdbc.sql("select last_used_at from identity_api_tokens where id = " + token.tokenId())
            .query(OffsetDateTime.class).single()).as("the reload records the use").isNotNull();
    }

    @Test
    void aTokenUnusedWhileAgingIsNotReloadedAndExpires() throws Exception {
        long put = System.nanoTime();
        sleepUntil(put, TTL_MS / 2 + 50);
        refresher.refresh();
        sleepUntil(put, TTL_MS + 50);
        assertThat(cache.cachedToken(key)).isEmpty();
    }

    @Test
    void aTokenRevokedElsewhereIsDroppedByTheReload() throws Exception {
        long put = System.nanoTime();
        sleepUntil(put, TTL_MS / 2 + 50);
        assertThat(cache.cachedToken(key)).isPresent();
        // another node revokes it: this node's cache hears nothing, only the database changes
        jdbc.sql("update identity_api_tokens set revoked_at = now() where id = " + token.tokenId()).update();
        refresher.refresh();
        assertThat(cache.cachedToken(key)).as("dropped at once, not kept until the TTL").isEmpty();
    }

    @Test
    void aLookupThatReadTheTokenBeforeAnEvictionCannotPutItBack() {
        long stamp = cache.evictions(); // a reload reads the token...
        cache.evictToken(token.tokenId()); // ...the member revokes it meanwhile...
        cache.putToken(key, token.user().actor(), token.tokenId(), stamp); // ...and the reload's answer arrives
        assertThat(cache.cachedToken(key)).isEmpty();
    }

    @Test
    void anEvictionInsideATransactionIsRepeatedWhenItEnds() {
        tx.executeWithoutResult(status -> {
            cache.evictToken(token.tokenId());
            // a lookup on another thread reads the row before the revocation commits, so it still finds it live
            cache.putToken(key, token.user().actor(), token.tokenId(), cache.evictions());
            assertThat(cache.cachedToken(key)).isPresent();
        });
        assertThat(cache.cachedToken(key)).isEmpty();
    }

    private static void sleepUntil(long startNanos, long millis) throws InterruptedException {
        long left = startNanos + millis * 1_000_000 - System.nanoTime();
        if (left > 0) Thread.sleep(left / 1_000_000 + 1);
    }
}
