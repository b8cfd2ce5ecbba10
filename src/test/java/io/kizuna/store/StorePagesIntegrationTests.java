package io.kizuna.store;

import static io.kizuna.store.StoreFixtures.created;
import static io.kizuna.store.StoreFixtures.product;
import static io.kizuna.store.StoreFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store pages over HTTP: prices shown tax-included, members-only and coming-soon states, the cart, checkout and the legal page. */
class StorePagesIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member admin;

    @BeforeEach
    void catalog() {
        n++;
        admin = withRole("admin" + n + "@example.com", "admin");
    }

    @Test
    void theProductPageShowsTaxIncludedPricesStockAndWhatJoiningGives() {
        var v = variant("P-" + n, 1100, 3);
        v.put("memberPrice", 990);
        created(api.post("/api/v1/products", product("p-" + n, "standard", "public", v), admin.token()));
        var page = api.get("/store/p-" + n);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("¥1,100（税込）").contains("¥990（税込）").contains("残りわずか（3点）")
            .contains("id=\"join-benefit\"").contains("href=\"/legal/tokushoho\"");
        assertThat(api.get("/store").body()).contains("/store/p-" + n).contains("href=\"/legal/tokushoho\"");
        assertThat(api.get("/store?lang=en").body()).contains("Store");
    }

    @Test
    void membersOnlyAndComingSoonProductsShowTheirState() {
        created(api.post("/api/v1/products", product("m-" + n, "reduced", "members", variant("M-" + n, 2000, 3)), admin.token()));
        var soon = product("s-" + n, "standard", "public", variant("S-" + n, 2000, 3));
        soon.put("saleStartsAt", OffsetDateTime.now().plusDays(2).toString());
        created(api.post("/api/v1/products", soon, admin.token()));
        assertThat(api.get("/store/m-" + n).status()).isEqualTo(404);
        api.member("viewer" + n + "@example.com", "viewer");
        var member = signedInClient("viewer" + n + "@example.com");
        assertThat(member.get("/store/m-" + n).body()).contains("id=\"members-only\"");
        var page = api.get("/store/s-" + n).body();
        assertThat(page).contains("id=\"coming-soon\"").doesNotContain("add-to-cart");
    }

    @Test
    void aVisitorsCartIsMergedAtSignInAndCheckoutShowsTheFinalConfirmation() {
        created(api.post("/api/v1/products", product("c-" + n, "reduced", "public", variant("C-" + n, 1080, 10)), admin.token()));
        api.member("shopper" + n + "@example.com", "shopper");
        // a visitor puts two bags in the cart, then signs in on the same browser
        var browser = new Api("http://127.0.0.1:" + port);
        var csrf = browser.get("/store/c-" + n).csrf();
        assertThat(browser.raw("POST", "/cart", "application/x-www-form-urlencoded", "_csrf=" + enc(csrf) + "&sku=C-" + n + "&quantity=2").status()).isEqualTo(302);
        var form = browser.get("/login");
        browser.raw("POST", "/login", "application/x-www-form-urlencoded", "_csrf=" + enc(form.csrf()) + "&email=" + enc("shopper" + n + "@example.com")
            + "&password=correct-horse-1");
        var cart = browser.get("/cart");
        assertThat(cart.body()).contains("value=\"2\"").contains("¥2,160");
        // bad address: 400 and nothing written
        long orders = count("store_orders");
        var bad = browser.raw("POST", "/checkout/confirm", "application/x-www-form-urlencoded", "_csrf=" + enc(cart.csrf())
            + "&name=&postalCode=12&prefecture=99&city=x&line1=1&phone=abc&paymentMethod=bank_transfer");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("郵便番号は 123-4567 の形で入力してください。");
        var confirm = browser.raw("POST", "/checkout/confirm", "application/x-www-form-urlencoded", "_csrf=" + enc(cart.csrf())
            + "&name=" + enc("山田 花子") + "&postalCode=150-0001&prefecture=13&city=" + enc("渋谷区") + "&line1=1-2-3&phone=03-1234-5678&paymentMethod=cod");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("ご注文内容の最終確認").contains("代引手数料").contains("¥330").contains("キャンセル・返品について")
            .contains("お届け時期").contains("¥3,290（税込）");
        assertThat(count("store_orders")).isEqualTo(orders);
        var key = java.util.regex.Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(confirm.body());
        assertThat(key.find()).isTrue();
        String placeBody = "_csrf=" + enc(confirm.csrf()) + "&idempotencyKey=" + key.group(1) + "&name=" + enc("山田 花子")
            + "&postalCode=150-0001&prefecture=13&city=" + enc("渋谷区") + "&line1=1-2-3&line2=&phone=03-1234-5678&paymentMethod=cod&couponCode=";
        var placed = browser.raw("POST", "/checkout/place", "application/x-www-form-urlencoded", placeBody);
        assertThat(placed.status()).isEqualTo(302);
        assertThat(count("store_orders")).isEqualTo(orders + 1);
        assertThat(browser.get(placed.header("Location")).body()).contains("入金待ち").contains("¥3,290");
        assertThat(browser.get("/cart").body()).contains("カートは空です");
    }

    @Test
    void theOwnerWritesTheLegalPageAndStaffPagesAreForStaff() {
        var page = signedInClient("admin" + n + "@example.com");
        var form = page.get("/admin/store/settings");
        assertThat(form.status()).isEqualTo(200);
        var saved = page.raw("POST", "/admin/store/settings", "application/x-www-form-urlencoded", "_csrf=" + enc(form.csrf())
            + "&shopName=" + enc("絆ストア") + "&invoiceNumber=T1234567890123&shippingFee=800&freeShippingFrom=10000&codFee=330&paymentDays=7"
            + "&legalNotice=" + enc("販売業者: 株式会社きずな\n所在地: 東京都渋谷区"));
        assertThat(saved.body()).contains("保存しました");
        assertThat(api.get("/legal/tokushoho").body()).contains("株式会社きずな").contains("T1234567890123");
        api.member("plain" + n + "@example.com", "plain");
        var member = signedInClient("plain" + n + "@example.com");
        assertThat(member.get("/admin/store/orders").status()).isEqualTo(403);
        assertThat(member.get("/admin/store/settings").status()).isEqualTo(403);
        assertThat(api.get("/admin/store/orders").status()).isEqualTo(302);
    }
}
