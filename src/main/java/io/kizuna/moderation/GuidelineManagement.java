package io.kizuna.moderation;

import io.kizuna.identity.MemberSignedUp;
import io.kizuna.identity.SignupTerms;
import io.kizuna.moderation.Views.GuidelinesView;
import io.kizuna.moderation.internal.AuditLog;
import io.kizuna.moderation.internal.Guidelines;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.RuleRefusedException;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Community guidelines: versions written by owners and admins in Markdown. A version marked material must be
 * accepted (at {@code /guidelines}) before a member writes again; {@link ContentGate} refuses writes until then with a
 * 403 of type {@code guidelines-not-accepted}. A fresh install has none, so nothing needs accepting.
 */
@Service
public class GuidelineManagement implements SignupTerms {
    private static final int MAX_BODY = 50_000;

    public record NewVersion(String body, Boolean material) {}

    private final Guidelines guidelines;
    private final AuditLog audit;
    private final ModerationPolicy policy;

    GuidelineManagement(Guidelines guidelines, AuditLog audit, ModerationPolicy policy) {
        this.guidelines = guidelines;
        this.audit = audit;
        this.policy = policy;
    }

    /** The current version (404 when none is published), with what the caller accepted. */
    public GuidelinesView current(Optional<Actor> actor) {
        var v = guidelines.current().orElseThrow(() -> new NotFoundException("No guidelines are published yet."));
        var accepted = actor.flatMap(a -> guidelines.acceptedVersion(a.id().value())).orElse(null);
        var required = guidelines.requiredVersion().orElse(0);
        boolean mustAccept = actor.isPresent() && !actor.get().isAdmin() && (accepted == null ? 0 : accepted) < required;
        return new GuidelinesView(v.version(), v.body(), io.kizuna.moderation.internal.GuidelinesMarkdown.toHtml(v.body()), v.material(), v.publishedAt(), accepted, mustAccept);
    }

    @Transactional
    public GuidelinesView publish(Actor actor, NewVersion form) {
        policy.requireConfigure(actor);
        if (form.body() == null || form.body().isBlank()) throw new InvalidInputException("body", "validation.required");
        if (form.body().length() > MAX_BODY) throw new InvalidInputException("body", "validation.tooLong");
        boolean material = form.material() == null || form.material();
        int version = guidelines.publish(form.body().strip(), material, actor.id().value());
        guidelines.accept(actor.id().value(), version);
        audit.record(actor.id().value(), "guidelines.publish", null, "guidelines", Integer.toString(version), null, null, material ? "material" : "minor");
        return current(Optional.of(actor));
    }

    @Override
    public Optional<Integer> currentVersion() {
        return guidelines.current().map(Guidelines.Version::version);
    }

    /**
     * Acceptance at sign-up ({@code acceptedGuidelinesVersion}), in the sign-up transaction: a published version is
     * recorded (an older one still counts when no material version followed it); a version never published is a 400
     * and no account is made.
     */
    @EventListener
    void signedUp(MemberSignedUp e) {
        if (e.acceptedGuidelinesVersion() == null) return;
        if (guidelines.find(e.acceptedGuidelinesVersion()).isEmpty()) {
            throw new InvalidInputException("acceptedGuidelinesVersion", "validation.unknownValue");
        }
        guidelines.accept(e.member().value(), e.acceptedGuidelinesVersion());
    }

    /** The member accepts the current version (the one they were shown: an older number is a 422). */
    @Transactional
    public GuidelinesView accept(Actor actor, Integer version) {
        var current = guidelines.current().orElseThrow(() -> new NotFoundException("No guidelines are published yet."));
        if (version == null) throw new InvalidInputException("version", "validation.required");
        if (version != current.version()) throw new RuleRefusedException("not-current-version", "Accept the current version, " + current.version() + ".");
        guidelines.accept(actor.id().value(), version);
        return current(Optional.of(actor));
    }
}
