package io.kizuna.community;

import io.kizuna.community.Events.ThreadStarted;
import io.kizuna.community.internal.Posts;
import io.kizuna.community.internal.Publishing;
import io.kizuna.community.internal.Posts.PostRow;
import io.kizuna.community.internal.Spaces;
import io.kizuna.community.internal.Threads;
import io.kizuna.community.internal.Threads.ThreadRow;
import io.kizuna.moderation.ModeratedSpaces;
import io.kizuna.moderation.ReportableContent;
import io.kizuna.moderation.ReportedContent;
import io.kizuna.platform.ReadCache;
import io.kizuna.shared.Actor;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.UserId;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Threads and posts as moderation sees them: what a report points at, and hiding or restoring it. The hidden and
 * held state stays on the community's rows, where {@link CommunityPolicy#canSeeModerated} applies it. Content held
 * for review was never announced, so restoring it announces it (notifications) as if it had just been published.
 */
final class CommunityReportables {
    private CommunityReportables() {}

    private static final int EXCERPT = 280;

    static String excerpt(String text) {
        if (text == null) return "";
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }

    static Optional<Long> id(String text) {
        try {
            return Optional.of(ThreadManagement.parseId(text, "content"));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The {@code thread} target: a whole thread with its opening post. */
    @Component
    static class ThreadTargets implements ReportableContent {
        private final Threads threads;
        private final Posts posts;
        private final ThreadManagement threadManagement;
        private final ReadCache cache;
        private final ApplicationEventPublisher events;
        private final Publishing publishing;

        ThreadTargets(Threads threads, Posts posts, ThreadManagement threadManagement, ReadCache cache, ApplicationEventPublisher events, Publishing publishing) {
            this.publishing = publishing;
            this.threads = threads;
            this.posts = posts;
            this.threadManagement = threadManagement;
            this.cache = cache;
            this.events = events;
        }

        @Override
        public String targetType() {
            return "thread";
        }

        @Override
        public Optional<ReportedContent> find(String targetId) {
            return id(targetId).flatMap(id -> threads.find(id, 0)).map(t -> {
                var opening = posts.firstPostId(t.id()).flatMap(posts::find).map(PostRow::body).orElse("");
                return new ReportedContent("thread", Long.toString(t.id()), new UserId(t.authorId()), Long.toString(t.spaceId()),
                    excerpt(t.title() + "\n" + opening), "/t/" + t.id(), t.moderation() != null, t.createdAt().toInstant());
            });
        }

        @Override
        public boolean canSee(String targetId, Actor actor) {
            try {
                threadManagement.require(Optional.of(actor), targetId);
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        }

        @Override
        public void hide(String targetId, String reason) {
            id(targetId).flatMap(id -> threads.find(id, 0)).ifPresent(t -> {
                threads.setModeration(t.id(), "hidden", reason);
                changed(t);
            });
        }

        /** Out of view pending review after weighted flags ({@code flagged}); it was announced before, so restoring is silent. */
        @Override
        public void holdForReview(String targetId) {
            id(targetId).flatMap(id -> threads.find(id, 0)).filter(t -> t.moderation() == null).ifPresent(t -> {
                threads.setModeration(t.id(), "flagged", null);
                changed(t);
            });
        }

        @Override
        public void restore(String targetId) {
            id(targetId).flatMap(id -> threads.find(id, 0)).filter(t -> t.moderation() != null).ifPresent(t -> {
                threads.setModeration(t.id(), null, null);
                changed(t);
                if ("held".equals(t.moderation())) announce(t);
            });
        }

        private void changed(ThreadRow t) {
            cache.changed(ReadCache.THREAD, t.id());
            cache.changed(ReadCache.SPACE, t.spaceId());
        }

        private void announce(ThreadRow t) {
            events.publishEvent(new ThreadStarted(t.id(), t.spaceId(), t.authorId()));
            posts.firstPostId(t.id()).ifPresent(p -> publishing.publish(p, t.id(), t.authorId(), true, Set.of()));
        }
    }

    /** The {@code post} target: one post; the opening post stands for its thread (hiding it hides the thread). */
    @Component
    static class PostTargets implements ReportableContent {
        private final Threads threads;
        private final Posts posts;
        private final ThreadTargets threadTargets;
        private final ReadCache cache;
        private final Publishing publishing;

        PostTargets(Threads threads, Posts posts, ThreadTargets threadTargets, ReadCache cache, Publishing publishing) {
            this.publishing = publishing;
            this.threads = threads;
            this.posts = posts;
            this.threadTargets = threadTargets;
            this.cache = cache;
        }

        @Override
        public String targetType() {
            return "post";
        }

        private Optional<PostRow> post(String targetId) {
            return id(targetId).flatMap(posts::find).filter(p -> !p.deleted());
        }

        private boolean opening(PostRow p) {
            return posts.firstPostId(p.threadId()).orElse(-1L) == p.id();
        }

        @Override
        public Optional<ReportedContent> find(String targetId) {
            return post(targetId).flatMap(p -> threads.find(p.threadId(), 0).map(t -> new ReportedContent("post", Long.toString(p.id()),
                new UserId(p.authorId()), Long.toString(t.spaceId()), excerpt(p.body()), "/t/" + t.id() + "#post-" + p.id(),
                p.moderation() != null || (opening(p) && t.moderation() != null), p.createdAt().toInstant())));
        }

        @Override
        public boolean canSee(String targetId, Actor actor) {
            var p = post(targetId);
            if (p.isEmpty() || !threadTargets.canSee(Long.toString(p.get().threadId()), actor)) return false;
            return p.get().moderation() == null || actor.isStaff() || actor.id().value() == p.get().authorId();
        }

        @Override
        public void hide(String targetId, String reason) {
            takeOutOfView(targetId, "hidden", reason);
        }

        @Override
        public void holdForReview(String targetId) {
            takeOutOfView(targetId, "flagged", null);
        }

        /** Hides or flags a post (its thread, for the opening post); a post that was shown leaves the count. */
        private void takeOutOfView(String targetId, String state, String reason) {
            post(targetId).ifPresent(p -> {
                if (opening(p)) {
                    if (state.equals("hidden")) threadTargets.hide(Long.toString(p.threadId()), reason);
                    else threadTargets.holdForReview(Long.toString(p.threadId()));
                    return;
                }
                boolean wasShown = p.moderation() == null;
                if (!wasShown && state.equals("flagged")) return;
                posts.setModeration(p.id(), state, reason);
                if (wasShown) threads.adjustPostCount(p.threadId(), -1);
                cache.changed(ReadCache.THREAD, p.threadId());
            });
        }

        @Override
        public void restore(String targetId) {
            post(targetId).ifPresent(p -> {
                if (opening(p)) {
                    threadTargets.restore(Long.toString(p.threadId()));
                    return;
                }
                if (p.moderation() == null) return;
                posts.setModeration(p.id(), null, null);
                threads.adjustPostCount(p.threadId(), 1);
                cache.changed(ReadCache.THREAD, p.threadId());
                if ("held".equals(p.moderation())) publishing.publish(p.id(), p.threadId(), p.authorId(), false, Set.of());
            });
        }
    }

    /** Spaces by slug for per-space grants. */
    @Component
    static class Directory implements ModeratedSpaces {
        private final Spaces spaces;
        private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

        Directory(Spaces spaces, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
            this.spaces = spaces;
            this.jdbc = jdbc;
        }

        @Override
        public Optional<String> idBySlug(String slug) {
            return slug == null ? Optional.empty() : spaces.find(slug).map(s -> Long.toString(s.id()));
        }

        @Override
        public Optional<String> slugById(String spaceId) {
            return id(spaceId).flatMap(id -> jdbc.sql("select slug from community_spaces where id = :id").param("id", id).query(String.class).optional());
        }
    }
}
