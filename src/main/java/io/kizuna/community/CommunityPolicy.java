package io.kizuna.community;

import io.kizuna.shared.Actor;
import io.kizuna.shared.UserId;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see and do what in the community: one named rule per action. Everything that shows community content
 * (API, pages, later search, notifications, feeds and counts) asks these rules, and what an actor may not see is a 404.
 */
@Component
public class CommunityPolicy {

    /** The facts about a space that visibility depends on. */
    public record SpaceAccess(long spaceId, Visibility visibility, boolean actorIsMember) {}

    /** The same visibility rule as SQL over a spaces table aliased {@code s}, for lists and counts. */
    public record SqlFilter(String where, Map<String, Object> params) {
        /** Binds this filter's parameters to a statement whose SQL includes {@link #where()}. */
        public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            for (var p : params.entrySet()) spec = spec.param(p.getKey(), p.getValue());
            return spec;
        }
    }

    public boolean canSee(Optional<Actor> actor, SpaceAccess space) {
        return switch (space.visibility()) {
            case PUBLIC -> true;
            case MEMBERS -> actor.isPresent();
            case PRIVATE -> actor.isPresent() && (actor.get().isStaff() || space.actorIsMember());
        };
    }

    public SqlFilter visibleSpaces(Optional<Actor> actor) {
        if (actor.isEmpty()) return new SqlFilter("s.visibility = 'public'", Map.of());
        if (actor.get().isStaff()) return new SqlFilter("true", Map.of());
        return new SqlFilter("(s.visibility in ('public', 'members') or exists (select 1 from community_space_members m "
            + "where m.space_id = s.id and m.user_id = :viewer))", Map.of("viewer", actor.get().id().value()));
    }

    /**
     * Hidden or held content (moderation not null) shows to its author, with the reason or "pending review", and to
     * staff; for everyone else it does not exist (404, and left out of lists, counts, search and notifications).
     */
    public boolean canSeeModerated(Optional<Actor> actor, long authorId, String moderation) {
        if (moderation == null) return true;
        return actor.isPresent() && (actor.get().isStaff() || actor.get().id().value() == authorId);
    }

    public boolean canCreateSpace(Actor actor) {
        return actor.isAdmin();
    }

    public boolean canAddSpaceMember(Actor actor) {
        return actor.isStaff();
    }

    /** Anyone signed in who can see the space may start a thread; announcements are for staff. */
    public boolean canStartThread(Actor actor, SpaceAccess space, ThreadKind kind) {
        if (!canSee(Optional.of(actor), space)) return false;
        return kind != ThreadKind.ANNOUNCEMENT || actor.isStaff();
    }

    /** Replying is for signed-in members who can see the thread; a locked thread takes replies from staff only. */
    public boolean canReplyWhileLocked(Actor actor) {
        return actor.isStaff();
    }

    public boolean canEdit(Actor actor, UserId author) {
        if (actor.isStaff()) return true;
        return actor.id().equals(author);
    }

    public boolean canDelete(Actor actor, UserId author) {
        return canEdit(actor, author);
    }

    public boolean canAccept(Actor actor, UserId asker) {
        if (actor.isStaff()) return true;
        return actor.id().equals(asker);
    }

    /** A poll is added by the thread's author (usually while starting it) or by staff. */
    public boolean canAddPoll(Actor actor, UserId threadAuthor) {
        return canEdit(actor, threadAuthor);
    }

    /** Lock, pin, move, retitle threads and set idea statuses: {@code ModerationPolicy}'s delegated powers ({@link ThreadCuration}). */
}
