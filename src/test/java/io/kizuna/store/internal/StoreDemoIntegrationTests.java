package io.kizuna.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.platform.DemoSeeder;
import io.kizuna.shared.Role;
import io.kizuna.support.IntegrationTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo store seeds through the real services, once. */
class StoreDemoIntegrationTests extends IntegrationTestBase {
    @Autowired
    List<DemoSeeder> seeders;

    @Autowired
    IdentityManagement identity;

    @Test
    void seedsBeansEquipmentAMembersOnlyBlendAndALimitedDropOnce() {
        // given: the demo staff member the identity demo would create
        identity.createVerified("sato.hanako@demo.kizuna.invalid", "kizuna-demo-2026", "佐藤 花子", Role.MODERATOR);
        var store = seeders.stream().filter(s -> s instanceof StoreDemo).findFirst().orElseThrow();
        // when
        store.seed();
        store.seed();
        // then
        var visitor = api.get("/api/v1/products?limit=100").json().get("items");
        assertThat(visitor.toString()).contains("ethiopia-yirgacheffe").contains("drip-kettle").contains("geisha-limited").doesNotContain("kizuna-blend");
        assertThat(api.get("/store/geisha-limited").body()).contains("id=\"coming-soon\"");
        assertThat(api.get("/legal/tokushoho").body()).contains("株式会社絆コーヒー");
        assertThat(count("store_products")).isEqualTo(8);
    }
}
