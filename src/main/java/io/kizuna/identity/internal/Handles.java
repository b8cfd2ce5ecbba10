package io.kizuna.identity.internal;

import io.kizuna.shared.UserId;
import java.security.SecureRandom;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out member handles (@name). A claim runs in a savepoint, so losing a race to another signup for the same
 * handle only means trying the next candidate, not failing the signup.
 */
@Component
public class Handles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Users users;
    private final TransactionTemplate savepoint;

    Handles(Users users, PlatformTransactionManager transactions) {
        this.users = users;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** True when the member now has {@code handle}; false when another live account has it. */
    public boolean claim(UserId id, String handle) {
        try {
            return Boolean.TRUE.equals(savepoint.execute(status -> users.setHandle(id, handle)));
        } catch (DuplicateKeyException lostRace) {
            return false;
        }
    }

    /**
     * Gives a new member a free handle made from their display name when it is written in Latin letters ("Taro
     * Yamada" → "taro_yamada", "taro_yamada2", …), else "member" and a number. Never from the email address: a
     * handle is public, an address is not.
     */
    public String assignDefault(UserId id, String displayName) {
        String base = base(displayName);
        if (base != null) {
            for (int i = 1; i <= 9; i++) {
                String candidate = i == 1 ? base : base + i;
                if (claim(id, candidate)) return candidate;
            }
        }
        String prefix = base == null ? "member" : base + "_";
        while (true) {
            String candidate = prefix + (1000 + RANDOM.nextInt(9000));
            if (claim(id, candidate)) return candidate;
        }
    }

    /** A handle-shaped form of a display name, or null when it has too few Latin letters or digits. */
    static String base(String displayName) {
        String cleaned = displayName.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (cleaned.length() > 14) cleaned = cleaned.substring(0, 14);
        return AccountRules.check().handle("handle", cleaned).hasProblems() ? null : cleaned;
    }
}
