package io.kizuna.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.identity.IdentityManagement.Contact;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Role;
import io.kizuna.shared.UserId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ActorCacheTests {
    private static final Actor MEMBER = new Actor(new UserId(7), "Hana", Role.MEMBER, true);
    private static final Actor MODERATOR = new Actor(new UserId(7), "Hana", Role.MODERATOR, true);

    private final ActorCache cache = new ActorCache(60_000);

    @AfterEach
    void clearSynchronization() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) TransactionSynchronizationManager.clearSynchronization();
    }

    @Test
    void aLookupThatBeganBeforeAnEvictionDoesNotCacheWhatItRead() {
        long stamp = cache.evictions();
        cache.evictToken(11); // the revocation lands while the lookup is reading the token row
        cache.putToken("abc", MEMBER, 11, stamp);
        cache.putUser(MODERATOR, stamp);

        assertThat(cache.cachedToken("abc")).isEmpty();
        assertThat(cache.cachedUser(MEMBER.id())).isEmpty();
    }

    @Test
    void aLookupWithNoEvictionMeanwhileIsCached() {
        long stamp = cache.evictions();
        cache.putToken("abc", MEMBER, 11, stamp);
        cache.putUser(MEMBER, stamp);

        assertThat(cache.cachedToken("abc")).contains(MEMBER);
        assertThat(cache.cachedUser(MEMBER.id())).contains(MEMBER);
    }

    @Test
    void anEvictionInATransactionRunsAgainWhenItEndsSoARowReadBeforeTheCommitIsDropped() {
        TransactionSynchronizationManager.initSynchronization();
        cache.evict(MEMBER.id()); // a role change, not yet committed
        // another request reads the still-committed old row after the first eviction and caches it
        long stamp = cache.evictions();
        cache.putUser(MODERATOR, stamp);
        cache.putToken("abc", MODERATOR, 11, stamp);
        assertThat(cache.cachedUser(MEMBER.id())).contains(MODERATOR);

        for (var sync : TransactionSynchronizationManager.getSynchronizations()) {
            sync.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
        }

        assertThat(cache.cachedUser(MEMBER.id())).isEmpty();
        assertThat(cache.cachedToken("abc")).isEmpty();
    }

    @Test
    void aMembersContactIsCachedUntilTheMemberIsEvicted() {
        var contact = new Contact(MEMBER.id(), "hana@example.com", "Hana", Locale.JAPANESE);
        cache.putContact(contact, cache.evictions());
        assertThat(cache.cachedContact(MEMBER.id())).contains(contact);

        cache.evict(MEMBER.id()); // a new display name, or an erased account

        assertThat(cache.cachedContact(MEMBER.id())).isEmpty();
        long stamp = cache.evictions();
        cache.evict(MEMBER.id());
        cache.putContact(contact, stamp); // read before that eviction
        assertThat(cache.cachedContact(MEMBER.id())).isEmpty();
    }

    @Test
    void revokingOneTokenLeavesTheMembersOtherTokens() {
        long stamp = cache.evictions();
        cache.putToken("one", MEMBER, 1, stamp);
        cache.putToken("two", MEMBER, 2, stamp);

        cache.evictToken(1);

        assertThat(cache.cachedToken("one")).isEmpty();
        assertThat(cache.cachedToken("two")).contains(MEMBER);
    }
}
