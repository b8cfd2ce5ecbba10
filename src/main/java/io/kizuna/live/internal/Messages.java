package io.kizuna.live.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code live_messages} and {@code live_participants} tables: chat, questions, answers and each member's show state. */
@Repository
public class Messages {
    public record MessageRow(long id, long sessionId, long authorId, String kind, String body, Long replyTo, String status,
                             boolean byStaff, OffsetDateTime answeredAt, Long eventSeq, OffsetDateTime createdAt) {
        public boolean published() {
            return "published".equals(status);
        }
    }

    private static final String COLUMNS = "id, session_id, author_id, kind, body, reply_to, status, by_staff, answered_at, event_seq, created_at";

    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MessageRow insert(long sessionId, long authorId, boolean byStaff, String kind, String body, Long replyTo, String status) {
        return jdbc.sql("insert into live_messages (session_id, author_id, by_staff, kind, body, reply_to, status) "
                + "values (:s, :a, :staff, :k, :b, :r, :st) returning " + COLUMNS)
            .param("s", sessionId).param("a", authorId).param("staff", byStaff).param("k", kind).param("b", body).param("r", replyTo).param("st", status)
            .query(MessageRow.class).single();
    }

    public void eventSeq(long id, long seq) {
        jdbc.sql("update live_messages set event_seq = :seq where id = :id").param("seq", seq).param("id", id).update();
    }

    public Optional<MessageRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from live_messages where id = :id").param("id", id).query(MessageRow.class).optional();
    }

    public void setStatus(long id, String status) {
        jdbc.sql("update live_messages set status = :s where id = :id").param("s", status).param("id", id).update();
    }

    /** Marks a question answered; false when it already was. */
    public boolean markAnswered(long id) {
        return jdbc.sql("update live_messages set answered_at = now() where id = :id and answered_at is null").param("id", id).update() == 1;
    }

    /**
     * Published messages of a show, oldest first, after message {@code afterId}; held ones of {@code viewer} (0: none)
     * too, and all held ones for staff. {@code kind} narrows to one kind.
     */
    public List<MessageRow> page(long sessionId, String kind, long afterId, long viewer, boolean staff, int limit) {
        return jdbc.sql("select " + COLUMNS + " from live_messages where session_id = :s and id > :after"
                + (kind == null ? "" : " and kind = :kind")
                + " and (status = 'published' or (status = 'held' and (:staff or author_id = :viewer))) order by id limit :limit")
            .param("s", sessionId).param("after", afterId).param("viewer", viewer).param("staff", staff).param("limit", limit)
            .param("kind", kind == null ? "" : kind).query(MessageRow.class).list();
    }

    /** Questions of a show, open or answered (null: both), oldest first. */
    public List<MessageRow> questions(long sessionId, Boolean answered, long afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from live_messages where session_id = :s and kind = 'question' and status = 'published' and id > :after"
                + (answered == null ? "" : answered ? " and answered_at is not null" : " and answered_at is null") + " order by id limit :limit")
            .param("s", sessionId).param("after", afterId).param("limit", limit).query(MessageRow.class).list();
    }

    public List<MessageRow> answers(List<Long> questionIds) {
        if (questionIds.isEmpty()) return List.of();
        return jdbc.sql("select " + COLUMNS + " from live_messages where reply_to = any(:ids) and status = 'published' order by id")
            .param("ids", questionIds.stream().mapToLong(Long::longValue).toArray()).query(MessageRow.class).list();
    }

    public boolean muted(long sessionId, long userId) {
        return jdbc.sql("select muted_at is not null from live_participants where session_id = :s and user_id = :u")
            .param("s", sessionId).param("u", userId).query(Boolean.class).optional().orElse(false);
    }

    public void mute(long sessionId, long userId, Long by) {
        jdbc.sql("""
                insert into live_participants (session_id, user_id, muted_at, muted_by) values (:s, :u, case when :by::bigint is null then null else now() end, :by)
                on conflict (session_id, user_id) do update set muted_at = excluded.muted_at, muted_by = excluded.muted_by""")
            .param("s", sessionId).param("u", userId).param("by", by).update();
    }

    /**
     * Claims the member's turn to post under slow mode: records now as their last post when at least {@code seconds}
     * have passed since the previous one, in one statement (exact across nodes). Returns the seconds left to wait, 0 when
     * the turn was taken.
     */
    public long claimTurn(long sessionId, long userId, int seconds) {
        boolean taken = jdbc.sql("""
                insert into live_participants (session_id, user_id, last_posted_at) values (:s, :u, now())
                on conflict (session_id, user_id) do update set last_posted_at = now()
                where live_participants.last_posted_at is null or live_participants.last_posted_at <= now() - make_interval(secs => :secs)
                returning 1""")
            .param("s", sessionId).param("u", userId).param("secs", seconds).query(Integer.class).optional().isPresent();
        if (taken) return 0;
        return jdbc.sql("select greatest(1, ceil(extract(epoch from last_posted_at + make_interval(secs => :secs) - now())))::bigint "
                + "from live_participants where session_id = :s and user_id = :u")
            .param("s", sessionId).param("u", userId).param("secs", seconds).query(Long.class).optional().orElse(1L);
    }

    /** APPI erasure: a deleted member's words leave the shows. */
    public void eraseAuthor(long userId) {
        jdbc.sql("update live_messages set body = '', status = 'deleted' where author_id = :u").param("u", userId).update();
    }

    public List<MessageRow> byAuthor(long userId) {
        return jdbc.sql("select " + COLUMNS + " from live_messages where author_id = :u order by id").param("u", userId).query(MessageRow.class).list();
    }
}
