package io.kizuna.identity;

import io.kizuna.identity.internal.AccountRules;
import io.kizuna.identity.internal.EmailTokens;
import io.kizuna.identity.internal.IdentityMails;
import io.kizuna.identity.internal.PasswordHasher;
import io.kizuna.identity.internal.SignOut;
import io.kizuna.identity.internal.Users;
import io.kizuna.platform.RateLimiter;
import io.kizuna.shared.Actor;
import io.kizuna.shared.RuleRefusedException;
import java.time.Duration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Email verification and password reset by one-time links sent by mail. */
@Service
public class AccountRecovery {
    private final Users users;
    private final EmailTokens links;
    private final IdentityMails mails;
    private final PasswordHasher passwords;
    private final SignOut signOut;
    private final RateLimiter limiter;

    AccountRecovery(Users users, EmailTokens links, IdentityMails mails, PasswordHasher passwords, SignOut signOut, RateLimiter limiter) {
        this.users = users;
        this.links = links;
        this.mails = mails;
        this.passwords = passwords;
        this.signOut = signOut;
        this.limiter = limiter;
    }

    /** Sends a fresh verification link (at most 5 an hour per member). */
    @Transactional
    public void resendVerification(Actor actor) {
        var user = users.find(actor.id()).orElseThrow();
        if (user.emailVerifiedAt() != null) return;
        limiter.acquire("verify-mail", actor.id().toString(), 5, Duration.ofHours(1));
        mails.verification(user, links.issue(user.userId(), EmailTokens.VERIFY, Duration.ofDays(3)));
    }

    /** Marks the address verified; false for an unknown, used or expired link. */
    @Transactional
    public boolean verifyEmail(String secret) {
        var user = links.consume(secret, EmailTokens.VERIFY);
        user.ifPresent(users::markEmailVerified);
        user.ifPresent(signOut::refresh);
        return user.isPresent();
    }

    /**
     * Mails a reset link when the address belongs to a member. The answer never says whether it does,
     * so the form cannot be used to find out who is a member.
     */
    @Transactional
    public void requestPasswordReset(String email, String clientIp) {
        limiter.acquire("reset-ip", clientIp, 10, Duration.ofHours(1));
        if (email == null || email.isBlank() || email.length() > AccountRules.MAX_EMAIL) return;
        users.findByEmail(email.strip()).ifPresent(user -> {
            limiter.acquire("reset-email", user.email().toLowerCase(), 3, Duration.ofHours(1));
            mails.passwordReset(user, links.issue(user.userId(), EmailTokens.RESET, Duration.ofHours(1)));
        });
    }

    public boolean isResetLinkLive(String secret) {
        return links.isLive(secret, EmailTokens.RESET);
    }

    /** Sets a new password through a reset link; every session and token of the member ends. */
    @Transactional
    public void resetPassword(String secret, String newPassword) {
        AccountRules.check().password("password", newPassword).orThrow();
        var user = links.consume(secret, EmailTokens.RESET)
            .orElseThrow(() -> new RuleRefusedException("reset-link-invalid", "This reset link is unknown, used or expired."));
        users.updatePassword(user, passwords.hash(newPassword));
        users.markEmailVerified(user);
        signOut.everywhereBut(user, null);
    }
}
