package io.kizuna.identity.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.platform.DemoSeeder;
import io.kizuna.shared.Role;
import org.springframework.stereotype.Component;

/** Demo members with Japanese names; all share the password {@value #PASSWORD}. */
@Component
class DemoMembers implements DemoSeeder {
    static final String PASSWORD = "kizuna-demo-2026";
    private static final String[][] MEMBERS = {
        {"sato.hanako@demo.kizuna.invalid", "佐藤 花子", "moderator"},
        {"suzuki.taro@demo.kizuna.invalid", "鈴木 太郎", "ambassador"},
        {"takahashi.yui@demo.kizuna.invalid", "高橋 結衣", "member"},
        {"tanaka.ken@demo.kizuna.invalid", "田中 健", "member"},
        {"ito.sakura@demo.kizuna.invalid", "伊藤 さくら", "member"},
        {"watanabe.ren@demo.kizuna.invalid", "渡辺 蓮", "member"},
    };

    private final IdentityManagement identity;
    private final Users users;

    DemoMembers(IdentityManagement identity, Users users) {
        this.identity = identity;
        this.users = users;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public void seed() {
        for (var m : MEMBERS) {
            if (users.findByEmail(m[0]).isEmpty()) {
                identity.createVerified(m[0], PASSWORD, m[1], Role.fromCode(m[2]).orElseThrow());
            }
        }
    }
}
