package io.kizuna.identity.internal;

import io.kizuna.shared.UserId;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** Ends a member's other sign-ins: every API token and every web session except the one to keep. */
@Component
public class SignOut {
    private final Tokens tokens;
    private final ActorCache cache;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SignOut(Tokens tokens, ActorCache cache, FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.tokens = tokens;
        this.cache = cache;
        this.sessions = sessions;
    }

    public void everywhereBut(UserId member, String keepSessionId) {
        tokens.revokeAll(member);
        sessions.findByPrincipalName(member.toString()).keySet().stream()
            .filter(id -> !id.equals(keepSessionId))
            .forEach(sessions::deleteById);
        cache.evict(member);
    }

    /** Drops cached facts about the member so sessions pick up a change (such as a verified address) at once. */
    public void refresh(UserId member) {
        cache.evict(member);
    }
}
