package io.kizuna.identity;

import io.kizuna.identity.internal.AccountRules;
import io.kizuna.identity.internal.ActorCache;
import io.kizuna.identity.internal.EmailTokens;
import io.kizuna.identity.internal.Handles;
import io.kizuna.identity.internal.IdentityMails;
import io.kizuna.identity.internal.PasswordHasher;
import io.kizuna.identity.internal.SignOut;
import io.kizuna.identity.internal.UserRow;
import io.kizuna.identity.internal.Users;
import io.kizuna.platform.RateLimiter;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RateLimitedException;
import io.kizuna.shared.Role;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UnauthorizedException;
import io.kizuna.shared.UserId;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: sign up, sign in, profile, password and roles. Pages and the API call the same methods. */
@Service
public class IdentityManagement {
    /** What a visitor sends to sign up. */
    public record Signup(String email, String password, String displayName, Integer acceptedGuidelinesVersion) {}

    /** The profile fields a member edits; names are optional, furigana in kana; a null handle stays as it is. */
    public record ProfileChange(String displayName, String familyName, String givenName, String familyNameKana, String givenNameKana,
                                String handle) {
        public ProfileChange(String displayName, String familyName, String givenName, String familyNameKana, String givenNameKana) {
            this(displayName, familyName, givenName, familyNameKana, givenNameKana, null);
        }
    }

    private final Users users;
    private final Handles handles;
    private final PasswordHasher passwords;
    private final EmailTokens emailTokens;
    private final IdentityMails mails;
    private final ActorCache cache;
    private final IdentityPolicy policy;
    private final RateLimiter limiter;
    private final SignOut signOut;
    private final ApplicationEventPublisher events;
    private final int signupsPerHourPerIp;
    private final int loginsPerMinutePerIp;

    IdentityManagement(Users users, Handles handles, PasswordHasher passwords, EmailTokens emailTokens, IdentityMails mails, ActorCache cache,
                       IdentityPolicy policy, RateLimiter limiter, SignOut signOut, ApplicationEventPublisher events,
                       @Value("${kizuna.rate-limits.signups-per-hour-per-ip:20}") int signupsPerHourPerIp,
                       @Value("${kizuna.rate-limits.logins-per-minute-per-ip:30}") int loginsPerMinutePerIp) {
        this.users = users;
        this.handles = handles;
        this.passwords = passwords;
        this.emailTokens = emailTokens;
        this.mails = mails;
        this.cache = cache;
        this.policy = policy;
        this.limiter = limiter;
        this.signOut = signOut;
        this.events = events;
        this.signupsPerHourPerIp = signupsPerHourPerIp;
        this.loginsPerMinutePerIp = loginsPerMinutePerIp;
    }

    /** Creates a member and mails a verification link. 409 when the email is taken. */
    @Transactional
    public UserView signup(Signup form, Locale locale, String clientIp) {
        AccountRules.check()
            .email("email", form.email())
            .password("password", form.password())
            .displayName("displayName", form.displayName())
            .orThrow();
        limiter.acquire("signup", clientIp, signupsPerHourPerIp, Duration.ofHours(1));
        var user = users.insert(form.email().strip(), passwords.hash(form.password()), form.displayName().strip(), Role.MEMBER,
                locale.getLanguage().equals("en") ? "en" : "ja", false)
            .orElseThrow(() -> new ConflictException("email-taken", "An account with this email already exists."));
        handles.assignDefault(user.userId(), user.displayName());
        events.publishEvent(new MemberSignedUp(user.userId(), form.acceptedGuidelinesVersion()));
        mails.verification(user, emailTokens.issue(user.userId(), EmailTokens.VERIFY, Duration.ofDays(3)));
        return view(user.userId());
    }

    /** Creates an account directly (owner bootstrap, demo data); the address counts as verified. */
    @Transactional
    public Optional<UserView> createVerified(String email, String password, String displayName, Role role) {
        AccountRules.check().email("email", email).password("password", password).displayName("displayName", displayName).orThrow();
        return users.insert(email.strip(), passwords.hash(password), displayName.strip(), role, "ja", true).map(user -> {
            handles.assignDefault(user.userId(), user.displayName());
            return view(user.userId());
        });
    }

    /**
     * Checks email and password. Repeated failures block the account for a growing time (429 with Retry-After);
     * a wrong email and a wrong password look the same (401).
     */
    @Transactional(noRollbackFor = {UnauthorizedException.class, RateLimitedException.class})
    public Actor authenticate(String email, String password, String clientIp) {
        limiter.acquire("login", clientIp, loginsPerMinutePerIp, Duration.ofMinutes(1));
        if (email == null || password == null || email.isBlank() || email.length() > AccountRules.MAX_EMAIL || password.length() > 1000) {
            throw new UnauthorizedException("Wrong email or password.");
        }
        var user = users.findByEmail(email.strip());
        if (user.isEmpty()) {
            passwords.matches(password, null);
            throw new UnauthorizedException("Wrong email or password.");
        }
        var row = user.get();
        var blocked = users.blockRemaining(row.userId());
        if (blocked.isPresent()) {
            throw new RateLimitedException("Too many failed sign-ins; try again later.", Math.max(1, blocked.get().toSeconds() + 1));
        }
        if (!passwords.matches(password, row.passwordHash())) {
            users.recordLoginFailure(row.userId());
            throw new UnauthorizedException("Wrong email or password.");
        }
        users.clearLoginFailures(row.userId());
        return row.actor();
    }

    public UserView view(UserId id) {
        return users.find(id).map(UserRow::view).orElseThrow(() -> new NotFoundException("No such member."));
    }

    /** The caller's own account; cached briefly like the token that identified them. */
    public UserView me(Actor actor) {
        var cached = cache.cachedView(actor.id());
        if (cached.isPresent()) return cached.get();
        var view = view(actor.id());
        cache.putView(view);
        return view;
    }

    /** The current actor for a member id (sessions re-check it so role changes and erasure apply at once). */
    public Optional<Actor> actor(UserId id) {
        var cached = cache.cachedUser(id);
        if (cached.isPresent()) return cached;
        long stamp = cache.evictions();
        var actor = users.find(id).map(UserRow::actor);
        actor.ifPresent(a -> cache.putUser(a, stamp));
        return actor;
    }

    /** The member acting under this address, for seeding demo data and imports (never exposed to visitors). */
    public Optional<Actor> actorByEmail(String email) {
        return users.findByEmail(email).map(UserRow::actor);
    }

    /** Where to mail a member about activity: verified addresses of live accounts only. */
    public record Contact(UserId id, String email, String displayName, Locale locale) {}

    public java.util.List<Contact> contacts(java.util.Collection<UserId> ids) {
        return users.verifiedContacts(ids);
    }

    /**
     * Where to mail a member about their own purchases (order confirmations are transactional mail, sent whether or not
     * the address was verified); empty for an erased account. Cached like actors: an order's mail then costs no query.
     */
    public Optional<Contact> purchaseContact(UserId id) {
        var cached = cache.cachedContact(id);
        if (cached.isPresent()) return cached;
        long stamp = cache.evictions();
        var contact = users.liveContact(id);
        contact.ifPresent(c -> cache.putContact(c, stamp));
        return contact;
    }

    /** Members by handle, for @mentions; unknown handles are left out. Keys are the handles in lower case. */
    public java.util.Map<String, UserId> idsByHandles(java.util.Collection<String> handles) {
        return users.byHandles(handles);
    }

    /** Display names for content authors, in one query for a whole page of content. */
    public java.util.Map<UserId, MemberName> names(java.util.Collection<UserId> ids) {
        var result = new java.util.HashMap<UserId, MemberName>();
        var missing = new java.util.ArrayList<UserId>();
        for (var id : ids) {
            cache.cachedName(id).ifPresentOrElse(n -> result.put(id, n), () -> missing.add(id));
        }
        if (!missing.isEmpty()) {
            users.names(missing).forEach((id, n) -> {
                cache.putName(id, n);
                result.put(id, n);
            });
        }
        return result;
    }

    public Page<UserView> members(Actor actor, PageRequest page) {
        policy.requireAdmin(actor);
        Long after = page.isFirst() ? null : page.afterLong(0);
        return Page.fromOverfetch(users.page(after, page.limit() + 1), page.limit(), u -> PageRequest.encode(u.id()))
            .map(UserRow::view);
    }

    @Transactional
    public UserView changeRole(Actor actor, UserId target, String roleCode) {
        policy.requireAdmin(actor);
        var role = Role.fromCode(roleCode).orElseThrow(() -> new InvalidInputException("role", "validation.role.unknown"));
        var user = users.find(target).orElseThrow(() -> new NotFoundException("No such member."));
        policy.requireCanChangeRole(actor, user.roleValue(), role);
        if (user.roleValue() == Role.OWNER && role != Role.OWNER && users.countOwners() <= 1) {
            throw new RuleRefusedException("last-owner", "The last owner cannot give up the owner role; make someone else owner first.");
        }
        users.updateRole(target, role);
        cache.evict(target);
        events.publishEvent(new RoleChanged(target, user.roleValue(), role, actor.id()));
        return view(target);
    }

    @Transactional
    public UserView updateProfile(Actor actor, ProfileChange change) {
        AccountRules.check()
            .displayName("displayName", change.displayName())
            .namePart("familyName", change.familyName())
            .namePart("givenName", change.givenName())
            .kana("familyNameKana", change.familyNameKana())
            .kana("givenNameKana", change.givenNameKana())
            .orThrow();
        if (change.handle() != null) {
            AccountRules.check().handle("handle", change.handle()).orThrow();
            if (!handles.claim(actor.id(), change.handle().strip())) throw new InvalidInputException("handle", "validation.handle.taken");
        }
        users.updateProfile(actor.id(), change.displayName().strip(), AccountRules.optional(change.familyName()),
            AccountRules.optional(change.givenName()), AccountRules.optional(change.familyNameKana()),
            AccountRules.optional(change.givenNameKana()));
        cache.evict(actor.id());
        return view(actor.id());
    }

    /**
     * Changes the password after checking the current one; all API tokens and every other session stop working.
     * {@code keepSessionId} is the caller's own session (null from the API).
     */
    @Transactional
    public void changePassword(Actor actor, String current, String next, String keepSessionId) {
        var user = users.find(actor.id()).orElseThrow(() -> new NotFoundException("No such member."));
        if (current == null || !passwords.matches(current, user.passwordHash())) {
            throw new InvalidInputException("currentPassword", "validation.password.wrong");
        }
        AccountRules.check().password("newPassword", next).orThrow();
        users.updatePassword(actor.id(), passwords.hash(next));
        signOut.everywhereBut(actor.id(), keepSessionId);
    }
}
