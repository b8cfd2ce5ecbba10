package io.kizuna.community;

import io.kizuna.community.Views.ThreadView;
import io.kizuna.community.internal.Threads;
import io.kizuna.community.internal.ViewAssembler;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.UserId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A member's public profile in the community: their threads, answers and accepted answers, in spaces the viewer may see. */
@Service
public class MemberActivity {
    /** A reply by the member, with the thread it answers. */
    public record Answer(String postId, String threadId, String threadTitle, boolean accepted, OffsetDateTime createdAt) {}

    public record Profile(String id, String displayName, String handle, List<ThreadView> threads, List<Answer> answers, long acceptedAnswers) {}

    private final JdbcClient jdbc;
    private final CommunityPolicy policy;
    private final Threads threads;
    private final ViewAssembler views;
    private final IdentityManagement identity;

    MemberActivity(JdbcClient jdbc, CommunityPolicy policy, Threads threads, ViewAssembler views, IdentityManagement identity) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.threads = threads;
        this.views = views;
        this.identity = identity;
    }

    public Profile profile(Optional<Actor> viewer, String memberId) {
        var member = UserId.parse(memberId);
        var name = identity.names(List.of(member)).get(member);
        if (name == null || name.erased()) throw new NotFoundException("No such member.");
        var filter = policy.visibleSpaces(viewer);
        long viewerId = viewer.map(a -> a.id().value()).orElse(0L);
        var threadIds = filter.bind(jdbc.sql("select t.id from community_threads t join community_spaces s on s.id = t.space_id "
                + "where t.author_id = :member and t.deleted_at is null and t.moderation is null and " + filter.where() + " order by t.id desc limit 20"))
            .param("member", member.value()).query(Long.class).list();
        var threadViews = views.threads(threadIds.stream().map(id -> threads.find(id, viewerId)).flatMap(Optional::stream).toList());
        var answers = filter.bind(jdbc.sql("""
                select p.id, t.id as thread_id, t.title, t.accepted_post_id = p.id as accepted, p.created_at
                from community_posts p join community_threads t on t.id = p.thread_id join community_spaces s on s.id = t.space_id
                where p.author_id = :member and p.deleted_at is null and t.deleted_at is null and p.moderation is null and t.moderation is null
                  and p.id <> (select min(f.id) from community_posts f where f.thread_id = t.id)""" + " and " + filter.where()
                + " order by p.id desc limit 20"))
            .param("member", member.value())
            .query((rs, i) -> new Answer(Long.toString(rs.getLong(1)), Long.toString(rs.getLong(2)), rs.getString(3),
                rs.getBoolean(4), rs.getObject(5, OffsetDateTime.class)))
            .list();
        long accepted = filter.bind(jdbc.sql("select count(*) from community_threads t join community_posts p on p.id = t.accepted_post_id "
                + "join community_spaces s on s.id = t.space_id where p.author_id = :member and t.deleted_at is null and t.moderation is null and p.moderation is null and " + filter.where()))
            .param("member", member.value()).query(Long.class).single();
        return new Profile(memberId, name.displayName(), name.handle(), threadViews, answers, accepted);
    }
}
