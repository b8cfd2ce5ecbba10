package io.kizuna.store.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code store_coupons} and {@code store_coupon_uses} tables; usage limits are kept by guarded single statements. */
@Repository
public class Coupons {
    public record CouponRow(long id, String code, String kind, int amount, int minSubtotal, OffsetDateTime startsAt, OffsetDateTime endsAt,
                            Integer totalLimit, Integer perMemberLimit, boolean membersOnly, int used, OffsetDateTime createdAt) {}

    private final JdbcClient jdbc;

    Coupons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a coupon; empty when the code is taken. Codes are kept in upper case. */
    public Optional<Long> insert(String code, String kind, int amount, int minSubtotal, OffsetDateTime startsAt, OffsetDateTime endsAt,
                                 Integer totalLimit, Integer perMemberLimit, boolean membersOnly) {
        return jdbc.sql("""
                insert into store_coupons (code, kind, amount, min_subtotal, starts_at, ends_at, total_limit, per_member_limit, members_only)
                values (:code, :kind, :amount, :min, :starts, :ends, :total, :per, :members) on conflict (code) do nothing returning id""")
            .param("code", code).param("kind", kind).param("amount", amount).param("min", minSubtotal).param("starts", startsAt)
            .param("ends", endsAt).param("total", totalLimit).param("per", perMemberLimit).param("members", membersOnly)
            .query(Long.class).optional();
    }

    public Optional<CouponRow> findByCode(String code) {
        return jdbc.sql("select * from store_coupons where code = :code").param("code", code).query(CouponRow.class).optional();
    }

    public List<CouponRow> all() {
        return jdbc.sql("select * from store_coupons order by id desc limit 500").query(CouponRow.class).list();
    }

    /** Counts one use if the total limit allows it (the row lock serialises concurrent orders). */
    public boolean use(long couponId) {
        return jdbc.sql("update store_coupons set used = used + 1 where id = :id and (total_limit is null or used < total_limit)")
            .param("id", couponId).update() == 1;
    }

    /** Counts one use by a member if their limit allows it: a conditional upsert on the member's row. */
    public boolean useBy(long couponId, long userId, int limit) {
        return jdbc.sql("""
                insert into store_coupon_uses (coupon_id, user_id, uses) values (:c, :u, 1)
                on conflict (coupon_id, user_id) do update set uses = store_coupon_uses.uses + 1 where store_coupon_uses.uses < :limit""")
            .param("c", couponId).param("u", userId).param("limit", limit).update() == 1;
    }

    /** Gives back one use (total and the member's) when an order that used the coupon is cancelled or expires. */
    public void giveBack(long couponId, long userId) {
        jdbc.sql("update store_coupons set used = greatest(used - 1, 0) where id = :id").param("id", couponId).update();
        jdbc.sql("update store_coupon_uses set uses = greatest(uses - 1, 0) where coupon_id = :c and user_id = :u")
            .param("c", couponId).param("u", userId).update();
    }
}
