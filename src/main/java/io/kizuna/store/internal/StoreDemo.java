package io.kizuna.store.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.platform.DemoSeeder;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Role;
import io.kizuna.store.CatalogManagement;
import io.kizuna.store.CatalogManagement.NewProduct;
import io.kizuna.store.CatalogManagement.NewVariant;
import io.kizuna.store.CouponManagement;
import io.kizuna.store.CouponManagement.NewCoupon;
import io.kizuna.store.ShopManagement;
import io.kizuna.store.ShopManagement.SettingsChange;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Demo store, written through the same services staff use: coffee beans (reduced 8%), brewing equipment (standard
 * 10%), a members-only blend with member prices, a limited drop with early access and a per-member limit, a coupon,
 * and a filled-in 特定商取引法 page.
 */
@Component
class StoreDemo implements DemoSeeder {
    private final CatalogManagement catalog;
    private final ShopManagement shop;
    private final CouponManagement coupons;
    private final IdentityManagement identity;
    private final Products products;

    StoreDemo(CatalogManagement catalog, ShopManagement shop, CouponManagement coupons, IdentityManagement identity, Products products) {
        this.catalog = catalog;
        this.shop = shop;
        this.coupons = coupons;
        this.identity = identity;
        this.products = products;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void seed() {
        if (products.findBySlug("ethiopia-yirgacheffe").isPresent()) return;
        var staff = identity.actorByEmail("sato.hanako@demo.kizuna.invalid").orElseThrow();
        var admin = new Actor(staff.id(), staff.displayName(), Role.ADMIN, true); // seeding acts with admin rights
        shop.change(admin, new SettingsChange("絆コーヒー", "T1234567890123", yen(800), yen(5000), yen(330), yen(7),
            """
            販売業者: 株式会社絆コーヒー（デモ）
            運営統括責任者: 佐藤 花子
            所在地: 〒150-0001 東京都渋谷区神宮前1-2-3
            電話番号: 03-1234-5678（平日10時〜17時）
            メールアドレス: shop@demo.kizuna.invalid
            販売価格: 各商品ページに税込価格で表示しています。
            商品代金以外の必要料金: 送料800円（5,000円以上で無料）、代金引換手数料330円、振込手数料はお客さま負担です。
            お支払い方法と時期: 銀行振込・コンビニ払い（ご注文から7日以内）、代金引換（商品受け取り時）。
            引き渡し時期: ご入金確認後3営業日以内に発送します。
            返品・交換: 未開封の商品に限り、到着後8日以内にご連絡ください。食品の性質上、開封後の返品はお受けできません。不良品は当社負担で交換します。"""));
        beans(admin, "ethiopia-yirgacheffe", "エチオピア イルガチェフェ", "華やかな香りと柑橘のような酸味。浅煎り。", 1620, 1480);
        beans(admin, "colombia-supremo", "コロンビア スプレモ", "ナッツとチョコレートの甘み。中煎り。", 1296, null);
        beans(admin, "brazil-santos", "ブラジル サントス", "やわらかな苦みで毎日飲みやすい。中深煎り。", 1188, null);
        beans(admin, "kizuna-blend", "絆ブレンド（メンバー限定）", "コミュニティの投票で決まった配合。メンバーだけの特別なブレンドです。", 1944, 1728,
            "members", null, null, null);
        equipment(admin, "drip-kettle", "ドリップケトル 0.8L", "注ぎ口が細く、お湯の量を調整しやすいステンレスケトル。", "KETTLE-08", 5500, 30);
        equipment(admin, "hand-mill", "手挽きコーヒーミル", "セラミック刃で均一に挽けます。粒度は15段階。", "MILL-CE", 7700, 20);
        equipment(admin, "dripper-set", "ドリッパー 2〜4杯用セット", "ドリッパーとペーパーフィルター100枚のセット。", "DRIPPER-SET", 2970, 50);
        var now = OffsetDateTime.now(ZoneOffset.ofHours(9));
        beans(admin, "geisha-limited", "パナマ ゲイシャ（数量限定）", "年に一度の限定入荷。メンバーは発売の1日前から先行購入できます。お一人さま2点まで。", 4860,
            null, "public", now.plusDays(2).withHour(20).withMinute(0).withSecond(0).withNano(0).toString(),
            now.plusDays(1).withHour(20).withMinute(0).withSecond(0).withNano(0).toString(), 2);
        coupons.create(admin, new NewCoupon("WELCOME10", "percent", yen(10), yen(3000), null, null, yen(1000), yen(1), true));
    }

    private void beans(Actor admin, String slug, String name, String description, int price, Integer memberPrice) {
        beans(admin, slug, name, description, price, memberPrice, "public", null, null, null);
    }

    private void beans(Actor admin, String slug, String name, String description, int price, Integer memberPrice, String visibility,
                       String saleStartsAt, String earlyAccessFrom, Integer limit) {
        String sku = slug.toUpperCase().replace('-', '_');
        catalog.create(admin, new NewProduct(slug, name, description, "coffee-beans", "reduced", visibility, List.of(), true,
            List.of(new NewVariant(sku + "-200G", "200g", yen(price), memberPrice == null ? null : yen(memberPrice), yen(slug.contains("limited") ? 100 : 200)),
                new NewVariant(sku + "-500G", "500g", yen(price * 2 + price / 4), memberPrice == null ? null : yen(memberPrice * 2 + memberPrice / 4), yen(80))),
            saleStartsAt, earlyAccessFrom, limit == null ? null : yen(limit)));
    }

    private void equipment(Actor admin, String slug, String name, String description, String sku, int price, int stock) {
        catalog.create(admin, new NewProduct(slug, name, description, "equipment", "standard", "public", List.of(), true,
            List.of(new NewVariant(sku, "標準", yen(price), null, yen(stock)))));
    }

    private static BigDecimal yen(int amount) {
        return BigDecimal.valueOf(amount);
    }
}
