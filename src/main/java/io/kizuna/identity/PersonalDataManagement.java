package io.kizuna.identity;

import io.kizuna.identity.internal.EmailTokens;
import io.kizuna.identity.internal.PasswordHasher;
import io.kizuna.identity.internal.SignOut;
import io.kizuna.identity.internal.Tokens;
import io.kizuna.identity.internal.Users;
import io.kizuna.mail.MailOutbox;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Role;
import io.kizuna.shared.RuleRefusedException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * APPI: a member downloads everything we hold about them as JSON, and can delete their account. Deletion erases
 * personal data and keeps their content under an anonymous author; other modules follow {@link MemberErased}.
 */
@Service
public class PersonalDataManagement {
    private final Users users;
    private final Tokens tokens;
    private final EmailTokens links;
    private final PasswordHasher passwords;
    private final SignOut signOut;
    private final List<PersonalDataContributor> contributors;
    private final ApplicationEventPublisher events;
    private final MailOutbox mail;

    PersonalDataManagement(Users users, Tokens tokens, EmailTokens links, PasswordHasher passwords, SignOut signOut,
                           List<PersonalDataContributor> contributors, ApplicationEventPublisher events, MailOutbox mail) {
        this.mail = mail;
        this.users = users;
        this.tokens = tokens;
        this.links = links;
        this.passwords = passwords;
        this.signOut = signOut;
        this.contributors = contributors;
        this.events = events;
    }

    public Map<String, Object> export(Actor actor) {
        var user = users.find(actor.id()).orElseThrow(() -> new NotFoundException("No such member."));
        var data = new LinkedHashMap<String, Object>();
        data.put("exportedAt", OffsetDateTime.now(ZoneOffset.UTC));
        data.put("account", user.view());
        data.put("locale", user.locale());
        data.put("apiTokens", tokens.listLive(actor.id()).stream().map(t -> Map.of(
            "id", Long.toString(t.id()), "name", t.name(), "createdAt", t.createdAt(), "expiresAt", t.expiresAt())).toList());
        contributors.forEach(c -> data.put(c.section(), c.export(actor.id())));
        return data;
    }

    /** Deletes the caller's account after re-checking the password. The last owner cannot leave. */
    @Transactional
    public void erase(Actor actor, String password) {
        var user = users.find(actor.id()).orElseThrow(() -> new NotFoundException("No such member."));
        if (password == null || !passwords.matches(password, user.passwordHash())) {
            throw new InvalidInputException("password", "validation.password.wrong");
        }
        if (user.roleValue() == Role.OWNER && users.countOwners() <= 1) {
            throw new RuleRefusedException("last-owner", "The last owner cannot delete their account; make someone else owner first.");
        }
        signOut.everywhereBut(actor.id(), null);
        tokens.deleteAll(actor.id());
        links.deleteAll(actor.id());
        users.erase(actor.id());
        signOut.refresh(actor.id()); // drop the cached name, so content shows the member as deleted at once
        mail.forget(user.email());
        events.publishEvent(new MemberErased(actor.id(), user.email()));
    }
}
