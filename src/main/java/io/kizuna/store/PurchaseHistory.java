package io.kizuna.store;

import io.kizuna.shared.UserId;
import io.kizuna.store.internal.Purchases;
import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Service;

/** What a member has bought, for other modules (verified-purchase marks): paid, shipped or delivered orders count. */
@Service
public class PurchaseHistory {
    private final Purchases purchases;

    PurchaseHistory(Purchases purchases) {
        this.purchases = purchases;
    }

    /** Whether {@code member} has an order with the product in status paid, shipped or delivered. */
    public boolean hasBought(UserId member, long productId) {
        return !purchases.bought(member.value(), Set.of(productId)).isEmpty();
    }

    /** Names and slugs of products, active or not (for mail about past purchases). */
    public record ProductRef(long id, String slug, String name) {}

    public java.util.Map<Long, ProductRef> products(Collection<Long> productIds) {
        var result = new java.util.HashMap<Long, ProductRef>();
        purchases.products(productIds).forEach(p -> result.put(p.id(), new ProductRef(p.id(), p.slug(), p.name())));
        return result;
    }

    /** Which of {@code productIds} the member has bought in that sense. */
    public Set<Long> bought(UserId member, Collection<Long> productIds) {
        return purchases.bought(member.value(), productIds);
    }
}
