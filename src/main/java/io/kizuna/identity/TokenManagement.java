package io.kizuna.identity;

import io.kizuna.identity.internal.ActorCache;
import io.kizuna.identity.internal.Secrets;
import io.kizuna.identity.internal.Tokens;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API bearer tokens: issued at sign-in, expiring, listed and revocable by their owner. Only hashes are stored. */
@Service
public class TokenManagement {
    /** A new token; {@code token} is shown once and never again. */
    public record IssuedToken(String token, OffsetDateTime expiresAt, UserView user) {}

    /** A token as its owner sees it in their list. */
    public record TokenView(String id, String name, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {}

    private final Tokens tokens;
    private final ActorCache cache;
    private final IdentityManagement identity;
    private final Duration ttl;

    TokenManagement(Tokens tokens, ActorCache cache, IdentityManagement identity,
                    @Value("${kizuna.auth.token-ttl-days:30}") int ttlDays) {
        this.tokens = tokens;
        this.cache = cache;
        this.identity = identity;
        this.ttl = Duration.ofDays(ttlDays);
    }

    @Transactional
    public IssuedToken issue(Actor actor, String name) {
        String label = name == null || name.isBlank() ? "API" : name.strip();
        if (label.length() > 100) throw new InvalidInputException("name", "validation.tokenName.tooLong");
        String secret = Secrets.newSecret("kz_");
        var row = tokens.insert(actor.id(), Secrets.hash(secret), label, OffsetDateTime.now(ZoneOffset.UTC).plus(ttl));
        return new IssuedToken(secret, row.expiresAt(), identity.view(actor.id()));
    }

    /** Who a bearer token belongs to, if it is live. Cached briefly; see {@link ActorCache}. */
    public Optional<Actor> resolve(String secret) {
        if (secret == null || secret.length() > 200) return Optional.empty();
        byte[] hash = Secrets.hash(secret);
        String key = HexFormat.of().formatHex(hash);
        var cached = cache.cachedToken(key);
        if (cached.isPresent()) return cached;
        long stamp = cache.evictions();
        var active = tokens.findActive(hash);
        active.ifPresent(t -> {
            cache.putToken(key, t.user().actor(), t.tokenId(), stamp);
            tokens.touch(t.tokenId());
        });
        return active.map(t -> t.user().actor());
    }

    public List<TokenView> list(Actor actor) {
        return tokens.listLive(actor.id()).stream()
            .map(t -> new TokenView(Long.toString(t.id()), t.name(), t.createdAt(), t.expiresAt(), t.lastUsedAt()))
            .toList();
    }

    /** Revokes one of the caller's tokens; someone else's token is simply not found. */
    @Transactional
    public void revoke(Actor actor, String tokenId) {
        long id;
        try {
            id = Long.parseLong(tokenId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("No such token.");
        }
        if (!tokens.revoke(actor.id(), id)) throw new NotFoundException("No such token.");
        cache.evictToken(id);
    }
}
