package io.kizuna.moderation.web;

import io.kizuna.moderation.ModerationOptions;
import io.kizuna.moderation.ModerationOptions.Options;
import io.kizuna.moderation.ModerationOptions.OptionsForm;
import io.kizuna.moderation.TrustManagement;
import io.kizuna.moderation.TrustManagement.Override;
import io.kizuna.moderation.TrustManagement.ThresholdForm;
import io.kizuna.moderation.Views.ThresholdView;
import io.kizuna.moderation.Views.TrustView;
import io.kizuna.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Trust levels (a member's own, staff views and overrides, thresholds, recomputation) and the moderation options. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Moderation")
class TrustApiController {
    private final TrustManagement trust;
    private final ModerationOptions options;

    TrustApiController(TrustManagement trust, ModerationOptions options) {
        this.trust = trust;
        this.options = options;
    }

    record Thresholds(List<ThresholdForm> levels) {}

    @GetMapping("/me/trust")
    @Operation(summary = "The caller's trust level (0-4), figures and what the next level needs")
    TrustView mine(Actor actor) {
        return trust.mine(actor);
    }

    @GetMapping("/moderation/trust/members/{id}")
    @Operation(summary = "A member's trust level and figures (global moderators and up)")
    TrustView member(Actor actor, @PathVariable String id) {
        return trust.view(actor, id);
    }

    @PutMapping("/moderation/trust/members/{id}/override")
    @Operation(summary = "Override a member's trust level (global moderators; admins for staff accounts)",
        description = "{level: 0-4 or null to go back to the computed level, note?}; logged in the audit log as trust.override")
    TrustView override(Actor actor, @PathVariable String id, @RequestBody Override body) {
        return trust.override(actor, id, body);
    }

    @PostMapping("/moderation/trust/members/{id}/recompute")
    @Operation(summary = "Recount one member's trust level now (global moderators and up)")
    TrustView recompute(Actor actor, @PathVariable String id) {
        return trust.recompute(actor, id);
    }

    @PostMapping("/moderation/trust/recompute")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Recompute every member's level in the background (owner/admin)")
    void recomputeAll(Actor actor) {
        trust.recomputeAll(actor);
    }

    @GetMapping("/moderation/trust/thresholds")
    @Operation(summary = "What each trust level needs (global moderators and up)")
    Map<String, List<ThresholdView>> thresholds(Actor actor) {
        return Map.of("levels", trust.thresholds(actor));
    }

    @PutMapping("/moderation/trust/thresholds")
    @Operation(summary = "Set what each trust level needs (owner/admin)",
        description = "{levels: [{level 1..4, daysVisited, postsRead, postsMade, likesReceived, sanctionFreeDays}]}: all four, each level at "
            + "least the one below in every figure; every member is then recomputed")
    Map<String, List<ThresholdView>> saveThresholds(Actor actor, @RequestBody Thresholds body) {
        return Map.of("levels", trust.saveThresholds(actor, body.levels()));
    }

    @GetMapping("/moderation/options")
    @Operation(summary = "Moderation options (global moderators and up)")
    Options options(Actor actor) {
        return options.read(actor);
    }

    @PutMapping("/moderation/options")
    @Operation(summary = "Set moderation options (owner/admin)",
        description = "{firstResponseMinutes 1-10080 (default 60), flagHoldWeight 0-1000 (0 = off, default 5), biasAlertShare (0,1] "
            + "(default 0.8), biasMinMembers (default 10), unansweredHours (default 24), quietDropPercent 1-100 (default 30)}; a null or missing "
            + "field goes back to its default")
    Options saveOptions(Actor actor, @RequestBody OptionsForm body) {
        return options.save(actor, body);
    }
}
