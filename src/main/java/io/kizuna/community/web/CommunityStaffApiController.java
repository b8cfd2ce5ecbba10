package io.kizuna.community.web;

import io.kizuna.community.CommunityHealth;
import io.kizuna.community.CommunityHealth.BiasReport;
import io.kizuna.community.CommunityHealth.QuietReport;
import io.kizuna.community.Views.PostView;
import io.kizuna.community.WelcomeManagement;
import io.kizuna.community.WelcomeManagement.Newcomer;
import io.kizuna.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

/** The community's part of the staff area: welcoming newcomers (ambassadors) and community health (moderators). */
@RestController
@RequestMapping("/api/v1/moderation")
@Tag(name = "Moderation")
class CommunityStaffApiController {
    private final WelcomeManagement welcomes;
    private final CommunityHealth health;

    CommunityStaffApiController(WelcomeManagement welcomes, CommunityHealth health) {
        this.welcomes = welcomes;
        this.health = health;
    }

    record Welcome(String message) {}

    @GetMapping("/welcome")
    @Operation(summary = "Newcomers' first posts not welcomed yet (ambassadors, trust level 4, moderators)",
        description = "A member's first post of the last 14 days, in spaces where the caller may welcome, newest first")
    Map<String, List<Newcomer>> newcomers(Actor actor) {
        return Map.of("items", welcomes.list(actor));
    }

    @PostMapping("/welcome/{postId}")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Welcome a newcomer", description = "{message?}: replies to their first post (the default greeting when empty), "
        + "which notifies them; 409 when someone welcomed them already; logged in the audit log as welcome")
    PostView welcome(Actor actor, @PathVariable String postId, @RequestBody(required = false) Welcome body, HttpServletRequest request) {
        return welcomes.welcome(actor, postId, body == null ? null : body.message(), RequestContextUtils.getLocale(request));
    }

    @GetMapping("/health/bias")
    @Operation(summary = "Bias monitor (global moderators and up)",
        description = "Per space: shares of posts, votes and reactions from the top 1% and 10% of active members, Gini coefficient, change "
            + "against the previous period, alert over the options' biasAlertShare. period: week, month (default), quarter; end: ISO-8601; space: slug")
    BiasReport bias(Actor actor, @RequestParam(required = false) String space, @RequestParam(required = false) String period,
                    @RequestParam(required = false) String end) {
        return health.bias(actor, space, period, end);
    }

    @GetMapping("/health/quiet")
    @Operation(summary = "Going quiet (global moderators and up)",
        description = "Per space: posts in each of the last 8 weeks (weeks[0] the latest), falling when the latest is under the 4 before it "
            + "by the options' quietDropPercent, and questions of the last 30 days unanswered after the options' unansweredHours")
    QuietReport quiet(Actor actor, @RequestParam(required = false) String space, @RequestParam(required = false) String end) {
        return health.quiet(actor, space, end);
    }
}
