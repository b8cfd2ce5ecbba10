package io.kizuna.moderation;

import io.kizuna.moderation.internal.AuditLog;
import io.kizuna.shared.Actor;
import org.springframework.stereotype.Service;

/**
 * The one audit log of staff actions, for other modules: what moderators, ambassadors and trusted members do to
 * community content (pin, close, move, retitle, welcome, ...) is written here in the acting transaction, so it shows
 * and exports with the queue's actions.
 */
@Service
public class StaffLog {
    private final AuditLog audit;

    StaffLog(AuditLog audit) {
        this.audit = audit;
    }

    /** Records one action; {@code subject} is the member it concerns (the author of the content), or null. */
    public void record(Actor actor, String action, String targetType, String targetId, Long subject, String spaceId, String detail) {
        audit.record(actor.id().value(), action, null, targetType, targetId, subject, spaceId, detail);
    }
}
