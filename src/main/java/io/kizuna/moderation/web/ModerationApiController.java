package io.kizuna.moderation.web;

import io.kizuna.moderation.AppealManagement;
import io.kizuna.moderation.AppealManagement.Decision;
import io.kizuna.moderation.AppealManagement.NewAppeal;
import io.kizuna.moderation.GuidelineManagement;
import io.kizuna.moderation.GuidelineManagement.NewVersion;
import io.kizuna.moderation.ModerationManagement;
import io.kizuna.moderation.ModerationManagement.Action;
import io.kizuna.moderation.ModerationManagement.NewReport;
import io.kizuna.moderation.ModerationManagement.QueueQuery;
import io.kizuna.moderation.ModerationSettings;
import io.kizuna.moderation.ModerationSettings.AuditQuery;
import io.kizuna.moderation.ModerationSettings.GrantForm;
import io.kizuna.moderation.ModerationSettings.RouteForm;
import io.kizuna.moderation.ModerationSettings.WordForm;
import io.kizuna.moderation.Views.AppealView;
import io.kizuna.moderation.Views.AuditEntry;
import io.kizuna.moderation.Views.BannedWordView;
import io.kizuna.moderation.Views.CaseDetail;
import io.kizuna.moderation.Views.CaseView;
import io.kizuna.moderation.Views.GrantView;
import io.kizuna.moderation.Views.GuidelinesView;
import io.kizuna.moderation.Views.MemberHistory;
import io.kizuna.moderation.Views.MyAction;
import io.kizuna.moderation.Views.ReportView;
import io.kizuna.moderation.Views.RouteView;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The moderation API of API.md (reports, queue, actions) and its extensions: appeals, audit, routes, grants, words, guidelines. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Moderation")
class ModerationApiController {
    private final ModerationManagement moderation;
    private final AppealManagement appeals;
    private final ModerationSettings settings;
    private final GuidelineManagement guidelines;

    ModerationApiController(ModerationManagement moderation, AppealManagement appeals, ModerationSettings settings, GuidelineManagement guidelines) {
        this.moderation = moderation;
        this.appeals = appeals;
        this.settings = settings;
        this.guidelines = guidelines;
    }

    record Acceptance(Integer version) {}

    @PostMapping("/reports")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Report content or a member (any member)",
        description = "targetType: thread, post, member, or any type another module offers (review, chat_message); reason: spam, harassment, "
            + "personal_info, illegal, off_topic, other. Reports on one target merge into one case; a second report of the same target by "
            + "the same member is a 409; what the caller cannot see is a 404.")
    ReportView report(Actor actor, @RequestBody NewReport body) {
        return moderation.report(actor, body);
    }

    @GetMapping("/moderation/queue")
    @Operation(summary = "The moderation queue (moderators and up)",
        description = "Cases {id, targetType, targetId, reasons, reportCount, status, openedAt, …}. status: open, escalated (default both), "
            + "resolved, all; reason; space (slug); route; targetType. Space moderators see their spaces' cases, route staff their route's.")
    Page<CaseView> queue(Actor actor, @ParameterObject QueueQuery filters, @RequestParam(required = false) String limit,
                         @RequestParam(required = false) String cursor) {
        return moderation.queue(actor, filters, PageRequest.of(limit, cursor));
    }

    @GetMapping("/moderation/reports/{id}")
    @Operation(summary = "One case with its reports, actions and the author's history (moderators of its space)")
    CaseDetail detail(Actor actor, @PathVariable String id) {
        return moderation.detail(actor, id);
    }

    @PostMapping("/moderation/reports/{id}/actions")
    @Operation(summary = "Act on a case (moderators of its space and up)",
        description = "action: hide, restore, dismiss, warn, suspend (days 1-3650), ban, escalate (route). warn, suspend and ban apply to the "
            + "reported content's author; the member is mailed. Staff are sanctioned only by admins.")
    CaseView act(Actor actor, @PathVariable String id, @RequestBody Action body) {
        return moderation.act(actor, id, body);
    }

    @GetMapping("/moderation/members/{id}")
    @Operation(summary = "A member's moderation history: sanctions, and the cases and actions in what the caller moderates (moderators)")
    MemberHistory member(Actor actor, @PathVariable String id) {
        return moderation.history(actor, id);
    }

    @GetMapping("/me/moderation")
    @Operation(summary = "Actions taken about the caller (hidden content, warnings, suspensions, bans), with appeal state")
    Map<String, List<MyAction>> mine(Actor actor) {
        return Map.of("items", appeals.mine(actor));
    }

    @PostMapping("/moderation/appeals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Appeal an action taken about the caller", description = "{actionId, body}; one appeal per action (409)")
    AppealView appeal(Actor actor, @RequestBody NewAppeal body) {
        return appeals.appeal(actor, body);
    }

    @GetMapping("/moderation/appeals")
    @Operation(summary = "Pending appeals (moderators and up)")
    Page<AppealView> pendingAppeals(Actor actor, @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return appeals.pending(actor, PageRequest.of(limit, cursor));
    }

    @GetMapping("/moderation/appeals/{id}")
    @Operation(summary = "One appeal (its appellant, or moderators of its case)")
    AppealView appealView(Actor actor, @PathVariable String id) {
        return appeals.view(actor, id);
    }

    @PostMapping("/moderation/appeals/{id}/decision")
    @Operation(summary = "Decide an appeal", description = "outcome: uphold or overturn (which undoes the action). A moderator other than "
        + "the one who acted: the acting moderator gets 403 of type same-moderator.")
    AppealView decide(Actor actor, @PathVariable String id, @RequestBody Decision body) {
        return appeals.decide(actor, id, body);
    }

    @GetMapping("/moderation/audit")
    @Operation(summary = "The audit log of staff actions and permission changes (global moderators and up)",
        description = "Filters: actor, action, subject (member ids / action name), from, to (ISO-8601). Newest first.")
    Page<AuditEntry> audit(Actor actor, @ParameterObject AuditQuery filters, @RequestParam(required = false) String limit,
                           @RequestParam(required = false) String cursor) {
        return settings.audit(actor, filters, PageRequest.of(limit, cursor));
    }

    @GetMapping(path = "/moderation/audit.csv", produces = "text/csv")
    @Operation(summary = "The audit log as CSV, with the same filters")
    ResponseEntity<String> auditCsv(Actor actor, @ParameterObject AuditQuery filters) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"moderation-audit.csv\"").body(settings.auditCsv(actor, filters));
    }

    @GetMapping("/moderation/routes")
    @Operation(summary = "Escalation routes (global moderators and up)")
    Map<String, List<RouteView>> routes(Actor actor) {
        return Map.of("items", settings.routes(actor));
    }

    @PutMapping("/moderation/routes/{code}")
    @Operation(summary = "Create or change an escalation route (owner/admin)", description = "{name, staffIds}; code: a-z, 0-9, -")
    RouteView saveRoute(Actor actor, @PathVariable String code, @RequestBody RouteForm body) {
        return settings.saveRoute(actor, code, body);
    }

    @DeleteMapping("/moderation/routes/{code}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an escalation route (owner/admin)")
    void deleteRoute(Actor actor, @PathVariable String code) {
        settings.deleteRoute(actor, code);
    }

    @GetMapping("/moderation/grants")
    @Operation(summary = "Per-space moderators and ambassadors (owner/admin)")
    Map<String, List<GrantView>> grants(Actor actor) {
        return Map.of("items", settings.grants(actor));
    }

    @PostMapping("/moderation/grants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Make a member moderator or ambassador of one space (owner/admin)", description = "{userId, spaceSlug, role: moderator|ambassador}")
    GrantView grant(Actor actor, @RequestBody GrantForm body) {
        return settings.grant(actor, body, true);
    }

    @DeleteMapping("/moderation/grants")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take a per-space grant back (owner/admin)")
    void revoke(Actor actor, @RequestBody GrantForm body) {
        settings.grant(actor, body, false);
    }

    @GetMapping("/moderation/banned-words")
    @Operation(summary = "Banned words (owner/admin)")
    Map<String, List<BannedWordView>> words(Actor actor) {
        return Map.of("items", settings.words(actor));
    }

    @PostMapping("/moderation/banned-words")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a banned word (owner/admin)", description = "{word, action: refuse|hold, message?}; matched after folding width, "
        + "katakana/hiragana and case")
    BannedWordView addWord(Actor actor, @RequestBody WordForm body) {
        return settings.addWord(actor, body);
    }

    @DeleteMapping("/moderation/banned-words/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a banned word (owner/admin)")
    void removeWord(Actor actor, @PathVariable String id) {
        settings.removeWord(actor, id);
    }

    @GetMapping("/guidelines")
    @Operation(summary = "The current community guidelines (anyone); 404 before the first version")
    GuidelinesView guidelines(Optional<Actor> actor) {
        return guidelines.current(actor);
    }

    @PostMapping("/guidelines")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a new version (owner/admin)", description = "{body (Markdown), material}: a material version (the default) "
        + "must be accepted again before members post")
    GuidelinesView publish(Actor actor, @RequestBody NewVersion body) {
        return guidelines.publish(actor, body);
    }

    @PostMapping("/guidelines/accept")
    @Operation(summary = "Accept the current guidelines", description = "{version}: the current version's number")
    GuidelinesView accept(Actor actor, @RequestBody Acceptance body) {
        return guidelines.accept(actor, body.version());
    }
}
