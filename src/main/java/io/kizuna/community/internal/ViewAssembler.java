package io.kizuna.community.internal;

import io.kizuna.community.Views.Author;
import io.kizuna.community.Views.PostView;
import io.kizuna.community.Views.SpaceView;
import io.kizuna.community.Views.ThreadView;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.MemberName;
import io.kizuna.shared.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Turns rows into views, fetching the authors' names for a whole page in one call. */
@Component
public class ViewAssembler {
    private final IdentityManagement identity;

    ViewAssembler(IdentityManagement identity) {
        this.identity = identity;
    }

    public SpaceView space(Spaces.SpaceRow s) {
        return new SpaceView(s.slug(), s.name(), s.description(), s.visibility(), s.createdAt());
    }

    public List<ThreadView> threads(List<Threads.ThreadRow> rows) {
        var names = names(rows.stream().map(Threads.ThreadRow::authorId).toList());
        return rows.stream().map(t -> thread(t, names)).toList();
    }

    public ThreadView thread(Threads.ThreadRow t) {
        return thread(t, names(List.of(t.authorId())));
    }

    public List<PostView> posts(List<Posts.PostRow> rows, Map<Long, Map<String, Integer>> reactions) {
        var names = names(rows.stream().map(Posts.PostRow::authorId).toList());
        return rows.stream().map(p -> post(p, names, reactions.getOrDefault(p.id(), Map.of()))).toList();
    }

    private static ThreadView thread(Threads.ThreadRow t, Map<UserId, MemberName> names) {
        return new ThreadView(Long.toString(t.id()), t.spaceSlug(), t.spaceName(), t.title(), t.kind(), t.status(), t.statusComment(),
            author(t.authorId(), names), t.acceptedPostId() == null ? null : Long.toString(t.acceptedPostId()), t.postCount(),
            t.voteCount(), t.viewerVoted(), t.locked(), t.pinned(), t.hasPoll(), t.createdAt(), t.lastActivityAt(), t.moderation(), t.moderationReason(),
            t.closedReason());
    }

    private static PostView post(Posts.PostRow p, Map<UserId, MemberName> names, Map<String, Integer> reactions) {
        if (p.deleted()) {
            return new PostView(Long.toString(p.id()), Long.toString(p.threadId()), null, "", null,
                p.replyToPostId() == null ? null : Long.toString(p.replyToPostId()), true, Map.of(), p.createdAt(), p.updatedAt(), null, null);
        }
        return new PostView(Long.toString(p.id()), Long.toString(p.threadId()), p.body(), p.bodyHtml(), author(p.authorId(), names),
            p.replyToPostId() == null ? null : Long.toString(p.replyToPostId()), false, reactions, p.createdAt(), p.updatedAt(),
            p.moderation(), p.moderationReason());
    }

    private static Author author(long id, Map<UserId, MemberName> names) {
        var name = names.get(new UserId(id));
        return new Author(Long.toString(id), name == null || name.erased() ? null : name.displayName());
    }

    private Map<UserId, MemberName> names(Collection<Long> ids) {
        return identity.names(ids.stream().distinct().map(UserId::new).toList());
    }
}
