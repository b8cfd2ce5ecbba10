package io.kizuna.community;

import io.kizuna.community.Views.PostView;
import io.kizuna.community.internal.ContentRules;
import io.kizuna.community.internal.Newcomers;
import io.kizuna.community.internal.Newcomers.FirstPost;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.moderation.ModerationPolicy;
import io.kizuna.moderation.StaffLog;
import io.kizuna.moderation.TrustManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.UserId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Welcoming newcomers, an ambassador tool: the first posts of new members (the last 14 days) that nobody welcomed
 * yet, and a welcome that replies to the post (which notifies the newcomer, who follows what they posted in) and takes
 * it off the list. Who may is {@link ModerationPolicy#canWelcome}; every welcome is in the audit log.
 */
@Service
public class WelcomeManagement {
    private static final int DAYS = 14;

    /** A newcomer's first post; {@code opening} says it started a thread rather than replied. */
    public record Newcomer(String postId, String threadId, String threadTitle, String spaceSlug, String authorId, String authorName,
                           String excerpt, OffsetDateTime postedAt, boolean opening) {}

    private final Newcomers newcomers;
    private final PostManagement posts;
    private final CommunityPolicy community;
    private final ModerationPolicy policy;
    private final TrustManagement trust;
    private final StaffLog staffLog;
    private final IdentityManagement identity;
    private final ThreadManagement threads;
    private final MessageSource messages;

    WelcomeManagement(Newcomers newcomers, PostManagement posts, CommunityPolicy community, ModerationPolicy policy, TrustManagement trust,
                      StaffLog staffLog, IdentityManagement identity, ThreadManagement threads, MessageSource messages) {
        this.newcomers = newcomers;
        this.posts = posts;
        this.community = community;
        this.policy = policy;
        this.trust = trust;
        this.staffLog = staffLog;
        this.identity = identity;
        this.threads = threads;
        this.messages = messages;
    }

    /** Unwelcomed first posts in the spaces where the actor may welcome. */
    public List<Newcomer> list(Actor actor) {
        var standing = trust.standing(actor);
        if (!policy.canUseWelcomeList(standing)) throw new ForbiddenException("Only ambassadors and moderators welcome newcomers.");
        var rows = newcomers.unwelcomed(community.visibleSpaces(Optional.of(actor)), DAYS, 100).stream()
            .filter(f -> policy.canWelcome(standing, Long.toString(f.spaceId()))).limit(50).toList();
        var names = identity.names(rows.stream().map(f -> new UserId(f.authorId())).distinct().toList());
        return rows.stream().map(f -> {
            var n = names.get(new UserId(f.authorId()));
            String body = f.body() == null ? "" : f.body();
            return new Newcomer(Long.toString(f.postId()), Long.toString(f.threadId()), f.threadTitle(), f.spaceSlug(), Long.toString(f.authorId()),
                n == null || n.erased() ? null : n.displayName(), body.length() > 200 ? body.substring(0, 200) + "…" : body, f.createdAt(), f.opening());
        }).toList();
    }

    /**
     * Welcomes a newcomer's first post with a reply ({@code message}, or the default greeting in {@code locale}); a post
     * welcomed already is a 409, a post that is not a first post a 404.
     */
    @Transactional
    public PostView welcome(Actor actor, String postId, String message, Locale locale) {
        ContentRules.check().optionalText("message", message, ContentRules.MAX_BODY).orThrow();
        long id = ThreadManagement.parseId(postId, "post");
        // one 404 for a post that is no first post and for one the actor may not see, so ids cannot be probed
        FirstPost first = newcomers.firstPost(id).filter(f -> threads.visible(Optional.of(actor), f.threadId()))
            .orElseThrow(() -> new NotFoundException("No such first post."));
        if (!policy.canWelcome(trust.standing(actor), Long.toString(first.spaceId()))) {
            throw new ForbiddenException("Only ambassadors and moderators welcome newcomers here.");
        }
        if (first.authorId() == actor.id().value()) throw new io.kizuna.shared.RuleRefusedException("own-post", "You cannot welcome yourself.");
        if (!newcomers.welcome(first.postId(), first.authorId(), actor.id().value())) {
            throw new ConflictException("already-welcomed", "Someone welcomed this newcomer already.");
        }
        String text = ContentRules.isBlank(message) ? greeting(first, locale) : message.strip();
        var reply = posts.reply(actor, Long.toString(first.threadId()), text, Long.toString(first.postId()));
        newcomers.replied(first.postId(), Long.parseLong(reply.id()));
        staffLog.record(actor, "welcome", "post", Long.toString(first.postId()), first.authorId(), Long.toString(first.spaceId()), "reply " + reply.id());
        return reply;
    }

    private String greeting(FirstPost first, Locale locale) {
        var name = identity.names(List.of(new UserId(first.authorId()))).get(new UserId(first.authorId()));
        String who = name == null || name.erased() ? "" : name.displayName();
        return messages.getMessage("moderation.welcome.greeting", new Object[] {who}, locale == null ? Locale.JAPANESE : locale);
    }
}
