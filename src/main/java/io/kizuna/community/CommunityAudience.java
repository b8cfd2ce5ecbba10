package io.kizuna.community;

import io.kizuna.community.CommunityPolicy.SpaceAccess;
import io.kizuna.community.Views.ThreadRef;
import io.kizuna.community.internal.Spaces;
import io.kizuna.community.internal.Threads;
import io.kizuna.community.internal.Threads.ThreadRow;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.UserId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Who may see community content, for modules that tell people about it (notifications, digests, feeds). It applies
 * {@link CommunityPolicy}, so a member removed from a private space stops hearing about it.
 */
@Service
public class CommunityAudience {
    private final SpaceManagement spaceManagement;
    private final ThreadManagement threadManagement;
    private final Spaces spaces;
    private final Threads threads;
    private final CommunityPolicy policy;
    private final IdentityManagement identity;

    CommunityAudience(SpaceManagement spaceManagement, ThreadManagement threadManagement, Spaces spaces, Threads threads,
                      CommunityPolicy policy, IdentityManagement identity) {
        this.spaceManagement = spaceManagement;
        this.threadManagement = threadManagement;
        this.spaces = spaces;
        this.threads = threads;
        this.policy = policy;
        this.identity = identity;
    }

    /** The id of a space the actor may see; 404 otherwise. */
    public long spaceId(Optional<Actor> actor, String slug) {
        return spaceManagement.require(actor, slug).id();
    }

    /** The id of a thread the actor may see; 404 otherwise. */
    public long threadId(Optional<Actor> actor, String threadId) {
        return threadManagement.require(actor, threadId).id();
    }

    /** The threads among {@code ids} that the actor may see, by id. */
    public Map<Long, ThreadRef> threads(Actor actor, Collection<Long> ids) {
        return threads.refs(ids, policy.visibleSpaces(Optional.of(actor))).stream()
            .collect(Collectors.toMap(t -> Long.parseLong(t.id()), Function.identity()));
    }

    /** Live threads by id whoever asks: only for recipients already vetted with {@link #whoMaySee}. */
    public Map<Long, ThreadRef> threadsForVettedRecipients(Collection<Long> ids) {
        return threads.refs(ids, new CommunityPolicy.SqlFilter("true", Map.of())).stream()
            .collect(Collectors.toMap(t -> Long.parseLong(t.id()), Function.identity()));
    }

    /** Those of {@code userIds} who may see a thread: {@link #whoMaySee(long, Collection)} over a batch's threads. */
    @FunctionalInterface
    public interface ThreadAudience {
        Set<Long> whoMaySee(long threadId, Collection<Long> userIds);
    }

    /** The audience of these threads, their facts read in one query (the fan-out of a batch of happenings). */
    public ThreadAudience forThreads(Collection<Long> threadIds) {
        var facts = threads.findAll(threadIds).stream().collect(Collectors.toMap(ThreadRow::id, Function.identity()));
        return (threadId, userIds) -> whoMaySee(Optional.ofNullable(facts.get(threadId)), userIds);
    }

    /** Those of {@code userIds} who may see the thread now (none when it is gone). */
    public Set<Long> whoMaySee(long threadId, Collection<Long> userIds) {
        return whoMaySee(threadManagement.facts(threadId), userIds);
    }

    private Set<Long> whoMaySee(Optional<ThreadRow> thread, Collection<Long> userIds) {
        if (thread.isEmpty() || userIds.isEmpty()) return Set.of();
        var t = thread.get();
        if (t.moderation() != null) return Set.of(); // hidden or held: nobody hears about it
        if (t.visibilityValue() != Visibility.PRIVATE) return new HashSet<>(userIds); // every signed-in member sees these
        var members = spaces.membersAmong(t.spaceId(), userIds);
        var result = new HashSet<Long>();
        for (long id : userIds) {
            var actor = identity.actor(new UserId(id));
            if (actor.isPresent() && policy.canSee(actor, new SpaceAccess(t.spaceId(), t.visibilityValue(), members.contains(id)))) result.add(id);
        }
        return result;
    }
}
