package io.kizuna.moderation.internal;

import io.kizuna.moderation.ContentGate;
import io.kizuna.moderation.ModerationManagement;
import io.kizuna.platform.RateLimiter;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.RuleRefusedException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The real {@link ContentGate}: sanctions and guideline acceptance first, then for words a member publishes the
 * flood limit, banned words (refuse or hold), the link and image limit of trust level 0 and duplicate detection. Staff
 * skip the automatic limits, and so does work that is not a client's request (demo seeding, imports).
 */
@Component
class Gate implements ContentGate {
    private static final Pattern LINK = Pattern.compile("(?i)https?://|!\\[");

    private final WriterStandings standings;
    private final BannedWords words;
    private final RateLimiter limiter;
    private final TrustCache trust;
    private final ObjectProvider<ModerationManagement> moderation;
    private final int writesPerMinute;
    private final Duration duplicateWindow;
    private final int newMemberLinks;
    private final Map<Long, ArrayDeque<long[]>> recent = new ConcurrentHashMap<>();

    Gate(WriterStandings standings, BannedWords words, RateLimiter limiter, TrustCache trust,
         ObjectProvider<ModerationManagement> moderation,
         @Value("${kizuna.moderation.writes-per-minute:10}") int writesPerMinute,
         @Value("${kizuna.moderation.duplicate-window-seconds:600}") long duplicateWindowSeconds,
         @Value("${kizuna.moderation.new-member-links:2}") int newMemberLinks) {
        this.standings = standings;
        this.words = words;
        this.limiter = limiter;
        this.trust = trust;
        this.moderation = moderation;
        this.writesPerMinute = writesPerMinute;
        this.duplicateWindow = Duration.ofSeconds(duplicateWindowSeconds);
        this.newMemberLinks = newMemberLinks;
    }

    @Override
    public void requireMayWrite(Actor actor, Surface surface) {
        var standing = standings.of(actor.id().value());
        if (standing.banned()) throw new ForbiddenException("banned", "This account is banned from posting.");
        if (standing.suspendedUntil() != null && standing.suspendedUntil().isAfter(OffsetDateTime.now())) {
            throw new ForbiddenException("suspended", "This account is suspended until " + standing.suspendedUntil() + ".");
        }
        if (actor.isAdmin()) return; // they publish the guidelines
        Integer required = standing.requiredVersion();
        if (required != null && (standing.acceptedVersion() == null ? 0 : standing.acceptedVersion()) < required) {
            throw new ForbiddenException("guidelines-not-accepted",
                "Accept the community guidelines (version " + required + ") at /guidelines before posting.");
        }
    }

    @Override
    public Screening screen(Actor actor, Surface surface, String text) {
        requireMayWrite(actor, surface);
        if (actor.isStaff() || RequestContextHolder.getRequestAttributes() == null) return Screening.PUBLISH;
        limiter.acquire("moderation.write", actor.id().toString(), writesPerMinute, Duration.ofMinutes(1));
        var normalized = TextNormalizer.normalize(text);
        var verdict = bannedWords(normalized);
        requireFewLinks(actor, text);
        requireNotDuplicate(actor, normalized);
        return verdict;
    }

    @Override
    public void held(String targetType, String targetId) {
        moderation.getObject().openHeldCase(targetType, targetId);
    }

    /** Refuse beats hold: the first refusing word found is reported with its message. */
    private Screening bannedWords(String normalized) {
        var snapshot = words.current();
        if (snapshot.matcher().size() == 0) return Screening.PUBLISH;
        var verdict = Screening.PUBLISH;
        for (int i : snapshot.matcher().find(normalized)) {
            var w = snapshot.rows().get(i);
            if (w.action().equals("refuse")) {
                throw new RuleRefusedException("banned-word", w.message() != null && !w.message().isBlank() ? w.message() : BANNED_WORD);
            }
            verdict = Screening.HOLD;
        }
        return verdict;
    }

    /** Trust level 0 (new members) may post only a few links and images at a time; level 1 and up, any number. */
    private void requireFewLinks(Actor actor, String text) {
        var m = LINK.matcher(text);
        int links = 0;
        while (m.find()) links++;
        if (links <= newMemberLinks) return;
        if (trust.level(actor.id().value()) == 0) {
            throw new RuleRefusedException("too-many-links", "New members (trust level 0) may post at most " + newMemberLinks
                + " links or images at a time.");
        }
    }

    /** Forgets the text's latest entry among the member's recent texts, so writing it again is no duplicate. */
    @Override
    public void notStored(Actor actor, String text) {
        var q = recent.get(actor.id().value());
        if (q == null || text == null) return;
        long hash = duplicateHash(TextNormalizer.normalize(text));
        synchronized (q) {
            var last = q.descendingIterator();
            while (last.hasNext()) {
                if (last.next()[0] == hash) {
                    last.remove();
                    return;
                }
            }
        }
    }

    private static long duplicateHash(String normalized) {
        return normalized.strip().hashCode() * 31L + normalized.length();
    }

    /** The same text from the same member within the window is refused (per node, like the rate limits). */
    private void requireNotDuplicate(Actor actor, String normalized) {
        if (duplicateWindow.isZero() || normalized.strip().length() < 10) return;
        long now = System.currentTimeMillis();
        long hash = duplicateHash(normalized);
        var q = recent.computeIfAbsent(actor.id().value(), k -> new ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && q.peekFirst()[1] < now - duplicateWindow.toMillis()) q.pollFirst();
            for (var e : q) {
                if (e[0] == hash) throw new ConflictException("duplicate-post", "You posted the same text a moment ago.");
            }
            q.addLast(new long[] {hash, now});
            if (q.size() > 50) q.pollFirst();
        }
        if (recent.size() > 100_000) recent.values().removeIf(d -> {
            synchronized (d) {
                return d.isEmpty() || d.peekLast()[1] < now - duplicateWindow.toMillis();
            }
        });
    }
}
