package io.kizuna.identity.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the owner from {@code KIZUNA_ADMIN_EMAIL}/{@code KIZUNA_ADMIN_PASSWORD} on start when no account has that
 * address. An existing account is left exactly as it is (its password is never reset from the environment).
 */
@Component
@Order(10)
class OwnerBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(OwnerBootstrap.class);
    private final IdentityManagement identity;
    private final Users users;
    private final String email;
    private final String password;

    OwnerBootstrap(IdentityManagement identity, Users users, @Value("${kizuna.admin.email:}") String email,
                   @Value("${kizuna.admin.password:}") String password) {
        this.identity = identity;
        this.users = users;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (email.isBlank() || password.isBlank()) return;
        if (users.findByEmail(email.strip()).isPresent()) return;
        identity.createVerified(email, password, "Owner", Role.OWNER)
            .ifPresent(u -> log.info("Created the owner account {}", u.email()));
    }
}
