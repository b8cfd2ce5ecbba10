package io.kizuna.reviews.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code ugc_posts}, {@code ugc_post_products} and {@code ugc_likes} tables. */
@Repository
public class GalleryPosts {
    public record PostRow(long id, long authorId, String photo, String caption, String status, int likeCount, OffsetDateTime featuredAt,
                          OffsetDateTime createdAt) {
        public boolean published() {
            return "published".equals(status);
        }
    }

    public record Tag(long productId, String slug, String name) {}

    private static final String COLUMNS = "id, author_id, photo, caption, status, like_count, featured_at, created_at";
    private final JdbcClient jdbc;

    GalleryPosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public PostRow insert(long author, String photo, String caption, String status, List<Tag> tags) {
        var row = jdbc.sql("insert into ugc_posts (author_id, photo, caption, status) values (:a, :p, :c, :s) returning " + COLUMNS)
            .param("a", author).param("p", photo).param("c", caption).param("s", status).query(GalleryPosts::row).single();
        for (var t : tags) {
            jdbc.sql("insert into ugc_post_products (post_id, product_id, slug, name) values (:post, :p, :slug, :name)")
                .param("post", row.id()).param("p", t.productId()).param("slug", t.slug()).param("name", t.name()).update();
        }
        return row;
    }

    public Optional<PostRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from ugc_posts where id = :id").param("id", id).query(GalleryPosts::row).optional();
    }

    /**
     * Published posts, newest first ({@code featured}: by feature time), optionally tagged with one product, below the
     * cursor's keys.
     */
    public List<PostRow> page(Long productId, boolean featured, List<Object> after, int limit) {
        var sql = new StringBuilder("select " + COLUMNS + " from ugc_posts p where status = 'published'");
        if (featured) sql.append(" and featured_at is not null");
        if (productId != null) sql.append(" and exists (select 1 from ugc_post_products t where t.post_id = p.id and t.product_id = :product)");
        if (!after.isEmpty()) sql.append(featured ? " and (featured_at, id) < (:k0, :k1)" : " and id < :k0");
        sql.append(featured ? " order by featured_at desc, id desc" : " order by id desc").append(" limit :n");
        var spec = jdbc.sql(sql.toString()).param("n", limit);
        if (productId != null) spec = spec.param("product", productId);
        for (int i = 0; i < after.size(); i++) spec = spec.param("k" + i, after.get(i));
        return spec.query(GalleryPosts::row).list();
    }

    public Map<Long, List<Tag>> tags(Collection<Long> postIds) {
        var result = new HashMap<Long, List<Tag>>();
        if (postIds.isEmpty()) return result;
        jdbc.sql("select post_id, product_id, slug, name from ugc_post_products where post_id in (:ids) order by product_id")
            .param("ids", postIds)
            .query((rs, n) -> {
                result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Tag(rs.getLong(2), rs.getString(3), rs.getString(4)));
                return null;
            }).list();
        return result;
    }

    public boolean like(long postId, long member) {
        if (jdbc.sql("insert into ugc_likes (post_id, member_id) values (:p, :m) on conflict do nothing").param("p", postId).param("m", member).update() == 0) {
            return false;
        }
        jdbc.sql("update ugc_posts set like_count = like_count + 1 where id = :p").param("p", postId).update();
        return true;
    }

    public boolean unlike(long postId, long member) {
        if (jdbc.sql("delete from ugc_likes where post_id = :p and member_id = :m").param("p", postId).param("m", member).update() == 0) return false;
        jdbc.sql("update ugc_posts set like_count = like_count - 1 where id = :p").param("p", postId).update();
        return true;
    }

    /** Sets or clears the feature; true when it changed. */
    public boolean feature(long postId, boolean featured) {
        return jdbc.sql("update ugc_posts set featured_at = case when :f then now() else null end where id = :p and (featured_at is not null) <> :f")
            .param("p", postId).param("f", featured).update() > 0;
    }

    public void setStatus(long postId, String status, String reason) {
        jdbc.sql("update ugc_posts set status = :s, hidden_reason = :r where id = :p").param("p", postId).param("s", status).param("r", reason).update();
    }

    public void delete(long postId) {
        jdbc.sql("delete from ugc_posts where id = :p").param("p", postId).update();
    }

    public List<Long> likedBy(long member, Collection<Long> postIds) {
        if (postIds.isEmpty()) return List.of();
        return jdbc.sql("select post_id from ugc_likes where member_id = :m and post_id in (:ids)").param("m", member).param("ids", postIds)
            .query(Long.class).list();
    }

    static PostRow row(ResultSet rs, int n) throws SQLException {
        return new PostRow(rs.getLong("id"), rs.getLong("author_id"), rs.getString("photo"), rs.getString("caption"), rs.getString("status"),
            rs.getInt("like_count"), rs.getObject("featured_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class));
    }
}
