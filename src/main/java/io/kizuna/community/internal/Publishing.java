package io.kizuna.community.internal;

import io.kizuna.community.PostPublishing;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/** The other modules' {@link PostPublishing} writes, joined into the statements that publish posts. */
@Component
public class Publishing {
    private final JdbcClient jdbc;
    // looked up on first use: the modules that write on publishing depend on the community's services themselves
    private final Supplier<List<PostPublishing>> parts;
    private final Supplier<String> ctes;

    Publishing(JdbcClient jdbc, ObjectProvider<PostPublishing> parts) {
        this.jdbc = jdbc;
        this.parts = SingletonSupplier.of(() -> parts.orderedStream().toList());
        this.ctes = SingletonSupplier.of(() -> this.parts.get().stream().map(p -> ", " + p.ctes()).collect(Collectors.joining()));
    }

    /** The CTE {@code published} over {@code source} (a CTE with the post's columns), then every module's CTEs. */
    String ctesOver(String source, boolean opening) {
        return ", published as (select id as post_id, thread_id, author_id, " + opening + " as opening, cast(:mentioned as bigint[]) as mentioned from "
            + source + ")" + ctes.get();
    }

    /** The value of {@code :mentioned} for {@link #ctesOver}. */
    static long[] mentioned(Collection<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Publishes a stored post in the caller's transaction (an opening post, a held post restored). */
    public void publish(long postId, long threadId, long authorId, boolean opening, Collection<Long> mentionedIds) {
        jdbc.sql("with post as (select cast(:p as bigint) as id, cast(:t as bigint) as thread_id, cast(:a as bigint) as author_id)"
                + ctesOver("post", opening) + " select count(*) from published")
            .param("p", postId).param("t", threadId).param("a", authorId).param("mentioned", mentioned(mentionedIds)).query(Long.class).single();
        stored();
    }

    /**
     * After a statement with {@link #ctesOver}: each module's follow-up, called at once. A module defers what needs the
     * commit itself; deferring here too would register its own after-commit work while the commit's callbacks run,
     * when Spring no longer calls new ones.
     */
    public void stored() {
        parts.get().forEach(PostPublishing::stored);
    }
}
