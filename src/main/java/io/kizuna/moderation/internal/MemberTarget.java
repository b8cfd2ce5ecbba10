package io.kizuna.moderation.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.moderation.ReportableContent;
import io.kizuna.moderation.ReportedContent;
import io.kizuna.shared.Actor;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.UserId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The {@code member} target: a member reported as a whole (their profile, their behaviour). Nothing to hide. */
@Component
class MemberTarget implements ReportableContent {
    private final IdentityManagement identity;

    MemberTarget(IdentityManagement identity) {
        this.identity = identity;
    }

    @Override
    public String targetType() {
        return "member";
    }

    @Override
    public Optional<ReportedContent> find(String targetId) {
        try {
            var id = UserId.parse(targetId);
            var name = identity.names(List.of(id)).get(id);
            if (name == null || name.erased()) return Optional.empty();
            return Optional.of(new ReportedContent("member", id.toString(), id, null, name.displayName() + " (@" + name.handle() + ")",
                "/u/" + id, false, null));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean canSee(String targetId, Actor actor) {
        return find(targetId).isPresent();
    }

    @Override
    public void hide(String targetId, String reason) {
        throw new io.kizuna.shared.RuleRefusedException("not-content", "A member is not content: warn, suspend or ban instead.");
    }

    @Override
    public void restore(String targetId) {
        throw new io.kizuna.shared.RuleRefusedException("not-content", "A member is not content: warn, suspend or ban instead.");
    }
}
