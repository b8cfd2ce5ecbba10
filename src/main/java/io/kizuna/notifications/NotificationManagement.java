package io.kizuna.notifications;

import io.kizuna.community.CommunityAudience;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.MemberErased;
import io.kizuna.notifications.Views.Following;
import io.kizuna.notifications.Views.NotificationView;
import io.kizuna.notifications.Views.Settings;
import io.kizuna.notifications.internal.Follows;
import io.kizuna.notifications.internal.LiveUnread;
import io.kizuna.notifications.internal.NotificationRows;
import io.kizuna.notifications.internal.NotificationRows.NotificationRow;
import io.kizuna.notifications.internal.NotificationText;
import io.kizuna.notifications.internal.SettingsRows;
import io.kizuna.notifications.internal.UnreadCount;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.UserId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A member's notifications, what they follow, and how they want to be mailed. Every method acts for the caller only. */
@Service
public class NotificationManagement {
    public static final Set<String> EMAIL_CHOICES = Set.of("instant", "daily", "off");

    private final NotificationRows rows;
    private final Follows follows;
    private final SettingsRows settings;
    private final CommunityAudience audience;
    private final IdentityManagement identity;
    private final LiveUnread live;
    private final NotificationText text;
    private final UnreadCount unread;

    NotificationManagement(NotificationRows rows, Follows follows, SettingsRows settings, CommunityAudience audience,
                           IdentityManagement identity, LiveUnread live, NotificationText text, UnreadCount unread) {
        this.rows = rows;
        this.follows = follows;
        this.settings = settings;
        this.audience = audience;
        this.identity = identity;
        this.live = live;
        this.text = text;
        this.unread = unread;
    }

    /** The caller's notifications, newest change first, about threads they may still see. */
    public Page<NotificationView> list(Actor actor, PageRequest page) {
        OffsetDateTime beforeUpdated = null;
        Long beforeId = null;
        if (!page.isFirst()) {
            beforeUpdated = page.afterTime(0);
            beforeId = page.afterLong(1);
        }
        var fetched = Page.fromOverfetch(rows.page(actor.id().value(), beforeUpdated, beforeId, page.limit() + 1), page.limit(),
            n -> PageRequest.encode(n.updatedAt(), n.id()));
        var threads = audience.threads(actor, fetched.items().stream().map(NotificationRow::threadId).collect(Collectors.toSet()));
        var names = identity.names(fetched.items().stream().map(NotificationRow::actorId).filter(java.util.Objects::nonNull).map(UserId::new).toList());
        var items = fetched.items().stream().filter(n -> threads.containsKey(n.threadId())).map(n -> {
            var name = n.actorId() == null ? null : names.get(new UserId(n.actorId()));
            var who = name == null ? null : new Views.Actor(name.id(), name.erased() ? null : name.displayName());
            return new NotificationView(Long.toString(n.id()), n.kind(), threads.get(n.threadId()), n.postId() == null ? null : n.postId().toString(),
                who, n.count(), n.readAt() != null, n.createdAt(), n.updatedAt());
        }).toList();
        return new Page<>(items, fetched.nextCursor());
    }

    /** The line a page shows for a notification, in the page's language. */
    public String summary(NotificationView n, Locale locale) {
        return text.summary(n.kind(), n.count(), n.thread(), n.actor() == null ? null : n.actor().displayName(), locale);
    }

    public int unreadCount(Actor actor) {
        return unread.of(actor);
    }

    /** Marks one notification read and gives the path to what it is about; 404 for another member's notification. */
    @Transactional
    public String open(Actor actor, String id) {
        var n = rows.find(parseId(id), actor.id().value()).orElseThrow(() -> new NotFoundException("No such notification."));
        if (rows.markRead(actor.id().value(), List.of(n.id())) > 0) live.announce(List.of(actor.id().value()));
        return "/t/" + n.threadId() + (n.postId() == null ? "" : "#post-" + n.postId());
    }

    /** Marks the given notifications read, or all of them when {@code ids} is null; returns the new unread count. */
    @Transactional
    public int markRead(Actor actor, List<String> ids) {
        int changed = ids == null ? rows.markAllRead(actor.id().value())
            : rows.markRead(actor.id().value(), ids.stream().map(NotificationManagement::parseId).toList());
        if (changed > 0) live.announce(List.of(actor.id().value()));
        return unreadCount(actor);
    }

    @Transactional
    public Following followThread(Actor actor, String threadId, boolean follow) {
        return follow(actor, Follows.THREAD, audience.threadId(Optional.of(actor), threadId), follow);
    }

    public Following followsThread(Actor actor, String threadId) {
        return new Following(follows.isFollowing(Follows.THREAD, audience.threadId(Optional.of(actor), threadId), actor.id().value()));
    }

    @Transactional
    public Following followSpace(Actor actor, String slug, boolean follow) {
        return follow(actor, Follows.SPACE, audience.spaceId(Optional.of(actor), slug), follow);
    }

    public Following followsSpace(Actor actor, String slug) {
        return new Following(follows.isFollowing(Follows.SPACE, audience.spaceId(Optional.of(actor), slug), actor.id().value()));
    }

    private Following follow(Actor actor, String type, long targetId, boolean follow) {
        if (follow) follows.follow(type, targetId, actor.id().value());
        else follows.unfollow(type, targetId, actor.id().value());
        return new Following(follow);
    }

    public Settings settings(Actor actor) {
        var row = settings.get(actor.id().value());
        return new Settings(row.emailMentions(), row.emailActivity());
    }

    @Transactional
    public Settings updateSettings(Actor actor, Settings change) {
        var problems = new java.util.ArrayList<InvalidInputException.FieldProblem>();
        if (change.emailMentions() == null || !EMAIL_CHOICES.contains(change.emailMentions())) {
            problems.add(new InvalidInputException.FieldProblem("emailMentions", "validation.unknownValue"));
        }
        if (change.emailActivity() == null || !EMAIL_CHOICES.contains(change.emailActivity())) {
            problems.add(new InvalidInputException.FieldProblem("emailActivity", "validation.unknownValue"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        settings.update(actor.id().value(), change.emailMentions(), change.emailActivity());
        return settings(actor);
    }

    /** True when {@code token} is a live unsubscribe token (the link in every notification mail). */
    public boolean isUnsubscribeToken(String token) {
        return unsubscribeRow(token).isPresent();
    }

    /** One-click unsubscribe: no more notification mail of any kind; in-app notifications go on. 404 for an unknown token. */
    @Transactional
    public void unsubscribe(String token) {
        var row = unsubscribeRow(token).orElseThrow(() -> new NotFoundException("No such unsubscribe link."));
        settings.update(row.userId(), "off", "off");
    }

    private Optional<SettingsRows.SettingsRow> unsubscribeRow(String token) {
        return token == null || token.length() > 100 ? Optional.empty() : settings.byToken(token);
    }

    /** APPI erasure: the member's notifications, follows and settings go with their account. */
    @EventListener
    void on(MemberErased e) {
        rows.deleteFor(e.member().value());
        follows.forget(e.member().value());
        settings.delete(e.member().value());
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            throw new NotFoundException("No such notification.");
        }
    }
}
