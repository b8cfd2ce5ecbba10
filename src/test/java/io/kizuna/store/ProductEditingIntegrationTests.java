package io.kizuna.store;

import static io.kizuna.store.StoreFixtures.created;
import static io.kizuna.store.StoreFixtures.product;
import static io.kizuna.store.StoreFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staff change products through {@code PUT /api/v1/products/{slug}} and the product form; refused edits change nothing. */
class ProductEditingIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member admin;

    @BeforeEach
    void catalog() {
        n++;
        admin = withRole("editor" + n + "@example.com", "admin");
    }

    @Test
    void anEditChangesTextAndPricesAddsVariantsAndLeavesStockAloneUnlessGiven() {
        created(api.post("/api/v1/products", product("e-" + n, "standard", "public", variant("E-" + n, 1100, 7)), admin.token()));
        var edit = product("ignored-slug", "reduced", "members", Map.of("sku", "E-" + n, "name", "大", "price", 1300),
            variant("E2-" + n, 500, 4));
        edit.put("name", "新しい名前");
        var r = api.put("/api/v1/products/e-" + n, edit, admin.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        var p = r.json();
        assertThat(p.get("slug").asText()).isEqualTo("e-" + n);
        assertThat(p.get("name").asText()).isEqualTo("新しい名前");
        assertThat(p.get("taxRate").asText()).isEqualTo("reduced");
        assertThat(p.get("visibility").asText()).isEqualTo("members");
        assertThat(p.get("variants").get(0).get("price").asInt()).isEqualTo(1300);
        assertThat(p.get("variants").get(0).get("stock").asInt()).isEqualTo(7);
        assertThat(p.get("variants").get(1).get("sku").asText()).isEqualTo("E2-" + n);
        assertThat(p.get("variants").get(1).get("stock").asInt()).isEqualTo(4);
        // members-only now: visitors get 404
        assertThat(api.get("/api/v1/products/e-" + n).status()).isEqualTo(404);

        var withStock = product("e-" + n, "reduced", "public", variant("E-" + n, 1300, 2), variant("E2-" + n, 500, 4));
        assertThat(api.put("/api/v1/products/e-" + n, withStock, admin.token()).json().get("variants").get(0).get("stock").asInt()).isEqualTo(2);
    }

    @Test
    void refusedEditsChangeNothing() {
        created(api.post("/api/v1/products", product("r-" + n, "standard", "public", variant("R-" + n, 1100, 5), variant("R2-" + n, 900, 5)),
            admin.token()));
        created(api.post("/api/v1/products", product("o-" + n, "standard", "public", variant("O-" + n, 1100, 5)), admin.token()));
        String before = api.get("/api/v1/products/r-" + n).body();

        var dropsVariant = product("r-" + n, "standard", "public", variant("R-" + n, 1200, 5));
        assertThat(api.put("/api/v1/products/r-" + n, dropsVariant, admin.token()).status()).isEqualTo(422);
        var takesOthersSku = product("r-" + n, "standard", "public", variant("R-" + n, 1200, 5), variant("R2-" + n, 900, 5),
            variant("O-" + n, 1, 1));
        assertThat(api.put("/api/v1/products/r-" + n, takesOthersSku, admin.token()).status()).isEqualTo(409);
        var badPrice = product("r-" + n, "standard", "public", Map.of("sku", "R-" + n, "name", "x", "price", 12.5), variant("R2-" + n, 900, 5));
        var bad = api.put("/api/v1/products/r-" + n, badPrice, admin.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("variants[0].price");
        var newWithoutStock = product("r-" + n, "standard", "public", variant("R-" + n, 1200, 5), variant("R2-" + n, 900, 5),
            Map.of("sku", "R3-" + n, "name", "x", "price", 100));
        assertThat(api.put("/api/v1/products/r-" + n, newWithoutStock, admin.token()).body()).contains("variants[2].stock");

        var member = api.member("plain" + n + "@example.com", "plain");
        var fine = product("r-" + n, "standard", "public", variant("R-" + n, 1, 5), variant("R2-" + n, 1, 5));
        assertThat(api.put("/api/v1/products/r-" + n, fine, member.token()).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/products/r-" + n, fine, null).status()).isEqualTo(401);
        assertThat(api.put("/api/v1/products/none-" + n, fine, admin.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/products/r-" + n).body()).isEqualTo(before);
    }

    @Test
    void staffCreateAndEditProductsWithThePageForm() {
        var browser = signedInClient("editor" + n + "@example.com");
        var form = browser.get("/admin/store/products/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"v0.sku\"").contains("type=\"datetime-local\"");
        // a bad price on the second row is shown on that row, and nothing is written
        long products = count("store_products");
        String fields = "&slug=f-" + n + "&name=" + enc("フォームの豆") + "&description=&category=coffee&taxRate=reduced&visibility=public&active=true"
            + "&images=&saleStartsAt=2099-01-01T10:00&earlyAccessFrom=&perMemberLimit=2&rows=3"
            + "&v0.sku=F-" + n + "&v0.name=200g&v0.price=1620&v0.memberPrice=&v0.stock=10";
        var bad = browser.raw("POST", "/admin/store/products/new", "application/x-www-form-urlencoded",
            "_csrf=" + enc(form.csrf()) + fields + "&v1.sku=F2-" + n + "&v1.name=500g&v1.price=abc&v1.stock=3");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"v1.price\"").contains("整数で入力してください。").contains("value=\"フォームの豆\"");
        assertThat(count("store_products")).isEqualTo(products);

        var ok = browser.raw("POST", "/admin/store/products/new", "application/x-www-form-urlencoded", "_csrf=" + enc(form.csrf()) + fields);
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.header("Location")).endsWith("/admin/store/products/f-" + n + "/edit?saved");
        var created = api.get("/api/v1/products/f-" + n).json();
        assertThat(created.get("saleStartsAt").asText()).startsWith("2099-01-01T01:00"); // 10:00 Japan time
        assertThat(created.get("perMemberLimit").asInt()).isEqualTo(2);

        var edit = browser.get("/admin/store/products/f-" + n + "/edit?saved");
        assertThat(edit.body()).contains("保存しました").contains("value=\"1620\"").contains("現在 10");
        var changed = browser.raw("POST", "/admin/store/products/f-" + n + "/edit", "application/x-www-form-urlencoded",
            "_csrf=" + enc(edit.csrf()) + fields.replace("v0.price=1620", "v0.price=1700").replace("v0.stock=10", "v0.stock=")
                .replace("active=true", "x=1") + "&v1.sku=F2-" + n + "&v1.name=500g&v1.price=3800&v1.stock=3");
        assertThat(changed.status()).isEqualTo(302);
        var after = api.get("/api/v1/products/f-" + n);
        assertThat(after.status()).isEqualTo(404); // no longer on sale, so hidden from visitors
        var staffView = api.get("/api/v1/products/f-" + n, admin.token()).json();
        assertThat(staffView.get("variants").get(0).get("price").asInt()).isEqualTo(1700);
        assertThat(staffView.get("variants").get(0).get("stock").asInt()).isEqualTo(10);
        assertThat(staffView.get("variants").get(1).get("sku").asText()).isEqualTo("F2-" + n);

        api.member("nosy" + n + "@example.com", "nosy");
        var member = signedInClient("nosy" + n + "@example.com");
        assertThat(member.get("/admin/store/products/new").status()).isEqualTo(403);
        assertThat(member.get("/admin/store/products/f-" + n + "/edit").status()).isEqualTo(403);
    }
}
