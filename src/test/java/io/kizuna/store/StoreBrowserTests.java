package io.kizuna.store;

import static io.kizuna.store.StoreFixtures.created;
import static io.kizuna.store.StoreFixtures.product;
import static io.kizuna.store.StoreFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Browser;
import io.kizuna.support.IntegrationTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A member buys by bank transfer on the pages, staff confirm the payment, the member sees it paid and opens the receipt. */
class StoreBrowserTests extends IntegrationTestBase {

    @Test
    void buyByBankTransferStaffConfirmsTheMemberSeesTheReceipt() {
        var admin = withRole("admin-store@example.com", "admin");
        api.put("/api/v1/store/settings", Map.of("shopName", "絆ストア", "invoiceNumber", "T1234567890123"), admin.token());
        created(api.post("/api/v1/products", product("beans", "reduced", "public", variant("BEANS-200", 1080, 10)), admin.token()));
        api.member("buyer-b@example.com", "買う人");
        String orderUrl;
        try (var buyer = new Browser("http://localhost:" + port, "ja")) {
            buyer.signIn("buyer-b@example.com");
            buyer.open("/store");
            buyer.click("#product-list a[href='/store/beans']");
            assertThat(buyer.find("table.variants").getText()).contains("¥1,080（税込）");
            buyer.click("button.add-to-cart");
            buyer.waitForPath("/cart");
            buyer.checkoutToConfirmation();
            assertThat(buyer.find("#final-confirmation").getText()).contains("銀行振込").contains("キャンセル・返品について");
            buyer.click("#place-order");
            buyer.waitForPath("/orders/");
            assertThat(buyer.find("#order-status").getText()).isEqualTo("入金待ち");
            orderUrl = buyer.driver.getCurrentUrl().replaceAll("\\?.*", "");
        }
        try (var staff = new Browser("http://localhost:" + port, "ja")) {
            staff.signIn("admin-store@example.com");
            staff.open("/admin/store/orders?status=pending_payment");
            // the redirect lands on a path the page already has: wait for the answer, not for the path
            staff.submit("#admin-orders button.confirm-payment");
            staff.open("/admin/store/orders");
            assertThat(staff.find("#admin-orders .status").getText()).isEqualTo("支払い済み");
        }
        try (var buyer = new Browser("http://localhost:" + port, "ja")) {
            buyer.signIn("buyer-b@example.com");
            buyer.open(orderUrl);
            assertThat(buyer.find("#order-status").getText()).isEqualTo("支払い済み");
            buyer.click("#receipt-link");
            assertThat(buyer.find("#invoice-number").getText()).isEqualTo("T1234567890123");
            assertThat(buyer.find("#tax-breakdown").getText()).contains("8% ※").contains("¥1,080").contains("¥80").contains("¥800").contains("¥72");
        }
    }
}
