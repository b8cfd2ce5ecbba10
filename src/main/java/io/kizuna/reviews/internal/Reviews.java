package io.kizuna.reviews.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reviews}, {@code review_revisions} and {@code review_helpful_votes} tables. */
@Repository
public class Reviews {
    /** A review as stored. */
    public record ReviewRow(long id, long productId, String productSlug, long authorId, int rating, String title, String body,
                            List<String> photos, boolean verifiedPurchase, boolean incentivized, String status, String hiddenReason,
                            int helpfulCount, String replyBody, OffsetDateTime replyAt, OffsetDateTime createdAt,
                            OffsetDateTime updatedAt, OffsetDateTime editedAt) {
        public boolean published() {
            return "published".equals(status);
        }
    }

    public record RevisionRow(int rating, String title, String body, List<String> photos, OffsetDateTime writtenAt) {}

    /** Sort orders of a product's list; each has its own index and keyset. */
    public enum Sort { NEWEST, HELPFUL, RATING }

    /** Filters of a product's list: {@code stars} 1..5 or null, and only reviews with photos. */
    public record Filter(Integer stars, boolean withPhotos) {}

    private static final String COLUMNS = "id, product_id, product_slug, author_id, rating, title, body, photos, verified_purchase, "
        + "incentivized, status, hidden_reason, helpful_count, reply_body, reply_at, created_at, updated_at, edited_at";

    private final JdbcClient jdbc;

    Reviews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the author already reviewed the product (one review per member and product). */
    public Optional<ReviewRow> insert(long productId, String slug, long author, int rating, String title, String body, List<String> photos,
                                      boolean verified, String status) {
        return jdbc.sql("insert into reviews (product_id, product_slug, author_id, rating, title, body, photos, verified_purchase, status) "
                + "values (:p, :slug, :a, :r, :t, :b, :photos, :v, :s) on conflict (product_id, author_id) do nothing returning " + COLUMNS)
            .param("p", productId).param("slug", slug).param("a", author).param("r", rating).param("t", title).param("b", body)
            .param("photos", photos.toArray(String[]::new)).param("v", verified).param("s", status)
            .query(Reviews::row).optional();
    }

    public Optional<ReviewRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from reviews where id = :id").param("id", id).query(Reviews::row).optional();
    }

    /** Locked for a change, so concurrent edits, hides and deletes move the summary once each. */
    public Optional<ReviewRow> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from reviews where id = :id for update").param("id", id).query(Reviews::row).optional();
    }

    public Optional<ReviewRow> byAuthor(long productId, long author) {
        return jdbc.sql("select " + COLUMNS + " from reviews where product_id = :p and author_id = :a")
            .param("p", productId).param("a", author).query(Reviews::row).optional();
    }

    /**
     * One page of a product's published reviews after the cursor's keys ({@code after} empty for the first page):
     * newest (created_at, id), helpful (helpful_count, id) or rating (rating, created_at, id), each from its index.
     */
    public List<ReviewRow> page(long productId, Sort sort, Filter filter, List<Object> after, int limit) {
        var sql = new StringBuilder("select " + COLUMNS + " from reviews where product_id = :p and status = 'published'");
        if (filter.stars() != null) sql.append(" and rating = :stars");
        if (filter.withPhotos()) sql.append(" and cardinality(photos) > 0");
        if (!after.isEmpty()) {
            sql.append(switch (sort) {
                case NEWEST -> " and (created_at, id) < (:k0, :k1)";
                case HELPFUL -> " and (helpful_count, id) < (:k0, :k1)";
                case RATING -> " and (rating, created_at, id) < (:k0, :k1, :k2)";
            });
        }
        sql.append(switch (sort) {
            case NEWEST -> " order by created_at desc, id desc";
            case HELPFUL -> " order by helpful_count desc, id desc";
            case RATING -> " order by rating desc, created_at desc, id desc";
        });
        sql.append(" limit :limit");
        var spec = jdbc.sql(sql.toString()).param("p", productId).param("limit", limit);
        if (filter.stars() != null) spec = spec.param("stars", filter.stars());
        for (int i = 0; i < after.size(); i++) spec = spec.param("k" + i, after.get(i));
        return spec.query(Reviews::row).list();
    }

    /** Keeps the current text as a revision, then writes the new one; the PR label and verified mark are not the author's to change. */
    public ReviewRow edit(ReviewRow current, int rating, String title, String body, List<String> photos, String status) {
        jdbc.sql("insert into review_revisions (review_id, rating, title, body, photos, written_at) values (:id, :r, :t, :b, :photos, :at)")
            .param("id", current.id()).param("r", current.rating()).param("t", current.title()).param("b", current.body())
            .param("photos", current.photos().toArray(String[]::new))
            .param("at", current.editedAt() == null ? current.createdAt() : current.editedAt()).update();
        return jdbc.sql("update reviews set rating = :r, title = :t, body = :b, photos = :photos, status = :s, edited_at = now(), "
                + "updated_at = now() where id = :id returning " + COLUMNS)
            .param("id", current.id()).param("r", rating).param("t", title).param("b", body)
            .param("photos", photos.toArray(String[]::new)).param("s", status).query(Reviews::row).single();
    }

    public List<RevisionRow> revisions(long reviewId) {
        return jdbc.sql("select rating, title, body, photos, written_at from review_revisions where review_id = :id order by id desc")
            .param("id", reviewId)
            .query((rs, n) -> new RevisionRow(rs.getInt(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)),
                rs.getObject(5, OffsetDateTime.class)))
            .list();
    }

    public void delete(long id) {
        jdbc.sql("delete from reviews where id = :id").param("id", id).update();
    }

    public void setStatus(long id, String status, String reason) {
        jdbc.sql("update reviews set status = :s, hidden_reason = :reason, updated_at = now() where id = :id")
            .param("id", id).param("s", status).param("reason", reason).update();
    }

    /** Counts a member's helpful vote once; false when they had voted already. */
    public boolean vote(long reviewId, long member) {
        int added = jdbc.sql("insert into review_helpful_votes (review_id, member_id) values (:r, :m) on conflict do nothing")
            .param("r", reviewId).param("m", member).update();
        if (added == 0) return false;
        jdbc.sql("update reviews set helpful_count = helpful_count + 1 where id = :r").param("r", reviewId).update();
        return true;
    }

    public boolean unvote(long reviewId, long member) {
        int removed = jdbc.sql("delete from review_helpful_votes where review_id = :r and member_id = :m")
            .param("r", reviewId).param("m", member).update();
        if (removed == 0) return false;
        jdbc.sql("update reviews set helpful_count = helpful_count - 1 where id = :r").param("r", reviewId).update();
        return true;
    }

    /** Which of these reviews the member found helpful, for their page. */
    public List<Long> votedBy(long member, Collection<Long> reviewIds) {
        if (reviewIds.isEmpty()) return List.of();
        return jdbc.sql("select review_id from review_helpful_votes where member_id = :m and review_id in (:ids)")
            .param("m", member).param("ids", reviewIds).query(Long.class).list();
    }

    /** The brand's reply; a null body removes it. */
    public void reply(long id, String body, long by) {
        jdbc.sql("update reviews set reply_body = :b, reply_by = :by, reply_at = case when cast(:b as text) is null then null else now() end where id = :id")
            .param("id", id).param("b", body).param("by", body == null ? null : by).update();
    }

    public void setIncentivized(long id, boolean incentivized) {
        jdbc.sql("update reviews set incentivized = :i where id = :id").param("id", id).param("i", incentivized).update();
    }

    /** Sets the verified mark of the member's reviews of these products: true for {@code bought}, false for the rest. */
    public List<Long> setVerified(long author, Collection<Long> productIds, Collection<Long> bought) {
        if (productIds.isEmpty()) return List.of();
        return jdbc.sql("update reviews set verified_purchase = (product_id in (:bought)) where author_id = :a and product_id in (:products) "
                + "and verified_purchase <> (product_id in (:bought)) returning product_id")
            .param("a", author).param("products", productIds).param("bought", bought.isEmpty() ? List.of(-1L) : bought)
            .query(Long.class).list();
    }

    /** Of these products, the ones the member has reviewed (review requests skip them). */
    public List<Long> reviewedBy(long author, Collection<Long> productIds) {
        if (productIds.isEmpty()) return List.of();
        return jdbc.sql("select product_id from reviews where author_id = :a and product_id in (:p)")
            .param("a", author).param("p", productIds).query(Long.class).list();
    }

    static ReviewRow row(ResultSet rs, int n) throws SQLException {
        return new ReviewRow(rs.getLong("id"), rs.getLong("product_id"), rs.getString("product_slug"), rs.getLong("author_id"),
            rs.getInt("rating"), rs.getString("title"), rs.getString("body"), strings(rs.getArray("photos")),
            rs.getBoolean("verified_purchase"), rs.getBoolean("incentivized"), rs.getString("status"), rs.getString("hidden_reason"),
            rs.getInt("helpful_count"), rs.getString("reply_body"), rs.getObject("reply_at", OffsetDateTime.class),
            rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
            rs.getObject("edited_at", OffsetDateTime.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
