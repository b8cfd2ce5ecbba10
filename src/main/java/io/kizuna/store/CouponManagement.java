package io.kizuna.store;

import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.store.internal.Coupons;
import io.kizuna.store.internal.Coupons.CouponRow;
import io.kizuna.store.internal.StoreRules;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Coupons: admins create them (percent or fixed yen off, minimum subtotal, validity window, usage limits, members-only). */
@Service
public class CouponManagement {
    /** {@code amount} is the percent (1–100) or the yen off; times are ISO-8601 with offset; limits are optional. */
    public record NewCoupon(String code, String kind, BigDecimal amount, BigDecimal minSubtotal, String startsAt, String endsAt,
                            BigDecimal totalLimit, BigDecimal perMemberLimit, Boolean membersOnly) {}

    public record CouponView(String code, String kind, int amount, int minSubtotal, OffsetDateTime startsAt, OffsetDateTime endsAt,
                             Integer totalLimit, Integer perMemberLimit, boolean membersOnly, int used) {}

    private final Coupons coupons;
    private final StorePolicy policy;

    CouponManagement(Coupons coupons, StorePolicy policy) {
        this.coupons = coupons;
        this.policy = policy;
    }

    @Transactional
    public CouponView create(Actor actor, NewCoupon c) {
        if (!policy.canManageCatalog(actor)) throw new ForbiddenException("Only owners and admins create coupons.");
        var rules = StoreRules.check().sku("code", c.code()).known("kind", Set.of("percent", "fixed").contains(c.kind()))
            .whole("amount", c.amount(), 1, "percent".equals(c.kind()) ? 100 : CatalogManagement.MAX_PRICE, true)
            .whole("minSubtotal", c.minSubtotal(), 0, CatalogManagement.MAX_PRICE, false)
            .whole("totalLimit", c.totalLimit(), 1, 10_000_000, false)
            .whole("perMemberLimit", c.perMemberLimit(), 1, 10_000, false);
        var starts = StoreRules.time(rules, "startsAt", c.startsAt());
        var ends = StoreRules.time(rules, "endsAt", c.endsAt());
        if (starts != null && ends != null && !ends.isAfter(starts)) rules.add("endsAt", "validation.store.endsBeforeStart");
        rules.orThrow();
        String code = c.code().toUpperCase(Locale.ROOT);
        coupons.insert(code, c.kind(), c.amount().intValue(), c.minSubtotal() == null ? 0 : c.minSubtotal().intValue(), starts, ends,
                c.totalLimit() == null ? null : c.totalLimit().intValue(), c.perMemberLimit() == null ? null : c.perMemberLimit().intValue(),
                Boolean.TRUE.equals(c.membersOnly()))
            .orElseThrow(() -> new ConflictException("coupon-code-taken", "A coupon with this code exists."));
        return view(coupons.findByCode(code).orElseThrow());
    }

    public List<CouponView> all(Actor actor) {
        if (!policy.canManageCatalog(actor)) throw new ForbiddenException("Only owners and admins see coupons.");
        return coupons.all().stream().map(CouponManagement::view).toList();
    }

    private static CouponView view(CouponRow r) {
        return new CouponView(r.code(), r.kind(), r.amount(), r.minSubtotal(), r.startsAt(), r.endsAt(), r.totalLimit(), r.perMemberLimit(),
            r.membersOnly(), r.used());
    }
}
