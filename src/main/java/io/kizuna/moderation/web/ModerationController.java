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
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Moderation pages: the queue, a case, appeals, the audit log, the guidelines, and the report form's target. */
@Controller
class ModerationController {
    private final ModerationManagement moderation;
    private final AppealManagement appeals;
    private final ModerationSettings settings;
    private final GuidelineManagement guidelines;

    ModerationController(ModerationManagement moderation, AppealManagement appeals, ModerationSettings settings, GuidelineManagement guidelines) {
        this.moderation = moderation;
        this.appeals = appeals;
        this.settings = settings;
        this.guidelines = guidelines;
    }

    @GetMapping("/moderation")
    String queue(Actor actor, @RequestParam(required = false) String status, @RequestParam(required = false) String reason,
                 @RequestParam(required = false) String space, @RequestParam(required = false) String cursor, Model model) {
        var q = new QueueQuery(status, reason, space, null, null);
        model.addAttribute("cases", moderation.queue(actor, q, PageRequest.of("50", cursor)));
        model.addAttribute("query", q);
        return "moderation/queue";
    }

    @GetMapping("/moderation/cases/{id}")
    String detail(Actor actor, @PathVariable String id, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("detail", moderation.detail(actor, id));
        model.addAttribute("routes", actor.isStaff() ? settings.routes(actor) : java.util.List.of());
        model.addAttribute("form", Form.empty());
        model.addAttribute("done", done != null);
        return "moderation/case";
    }

    @PostMapping("/moderation/cases/{id}/act")
    String act(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "") String action, @RequestParam(required = false) String note,
               @RequestParam(required = false) String days, @RequestParam(required = false) String route, HttpServletResponse response, Model model) {
        Integer d = null;
        try {
            if (days != null && !days.isBlank()) d = Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            d = -1;
        }
        try {
            moderation.act(actor, id, new Action(action, note, d, blank(route)));
            return "redirect:/moderation/cases/" + id + "?done";
        } catch (InvalidInputException | RuleRefusedException e) {
            response.setStatus(e instanceof InvalidInputException ? 400 : 422);
            detail(actor, id, null, model);
            var values = Map.of("action", action, "note", note == null ? "" : note, "days", days == null ? "" : days, "route", route == null ? "" : route);
            model.addAttribute("form", e instanceof InvalidInputException iie ? Form.refused(values, iie) : Form.error(values, "action", e.getMessage()));
            return "moderation/case";
        }
    }

    /** The report form under each post and thread: back to where it came from, with a thank-you. */
    @PostMapping("/moderation/report")
    String report(Actor actor, @RequestParam(defaultValue = "") String targetType, @RequestParam(defaultValue = "") String targetId,
                  @RequestParam(defaultValue = "") String reason, @RequestParam(required = false) String note, @RequestParam(defaultValue = "/") String back) {
        String target = back.startsWith("/") && !back.startsWith("//") ? back : "/";
        String outcome;
        try {
            moderation.report(actor, new NewReport(targetType, targetId, reason, note));
            outcome = "reported";
        } catch (ConflictException e) {
            outcome = "reported"; // reported before: the same thank-you
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : target.substring(hash);
        return "redirect:" + path + (path.contains("?") ? "&" : "?") + outcome + fragment;
    }

    @GetMapping("/moderation/mine")
    String mine(Actor actor, @RequestParam(required = false) String appealed, Model model) {
        model.addAttribute("actions", appeals.mine(actor));
        model.addAttribute("appealed", appealed != null);
        return "moderation/mine";
    }

    @GetMapping("/moderation/appeals/new")
    String newAppeal(Actor actor, @RequestParam(defaultValue = "") String action, Model model) {
        var mine = appeals.mine(actor).stream().filter(a -> a.id().equals(action)).findFirst()
            .orElseThrow(() -> new NotFoundException("No such action."));
        model.addAttribute("action", mine);
        model.addAttribute("form", Form.empty());
        return "moderation/appeal-new";
    }

    @PostMapping("/moderation/appeals/new")
    String appeal(Actor actor, @RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String body,
                  HttpServletResponse response, Model model) {
        try {
            appeals.appeal(actor, new NewAppeal(action, body));
            return "redirect:/moderation/mine?appealed";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            newAppeal(actor, action, model);
            model.addAttribute("form", Form.refused(Map.of("body", body), e));
            return "moderation/appeal-new";
        } catch (ConflictException e) {
            return "redirect:/moderation/mine";
        }
    }

    @GetMapping("/moderation/appeals")
    String pendingAppeals(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("appeals", appeals.pending(actor, PageRequest.of("50", cursor)));
        return "moderation/appeals";
    }

    @PostMapping("/moderation/appeals/{id}/decision")
    String decide(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "") String outcome, @RequestParam(required = false) String note) {
        appeals.decide(actor, id, new Decision(outcome, note));
        return "redirect:/moderation/appeals?decided";
    }

    @GetMapping("/moderation/audit")
    String audit(Actor actor, @RequestParam(required = false) String action, @RequestParam(name = "actor", required = false) String actorId,
                 @RequestParam(required = false) String subject, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, @RequestParam(required = false) String cursor, Model model) {
        var q = new AuditQuery(blank(actorId), blank(action), blank(subject), blank(from), blank(to));
        model.addAttribute("entries", settings.audit(actor, q, PageRequest.of("50", cursor)));
        model.addAttribute("query", q);
        return "moderation/audit";
    }

    @GetMapping("/guidelines")
    String guidelinesPage(Optional<Actor> actor, Model model) {
        try {
            model.addAttribute("guidelines", guidelines.current(actor));
        } catch (NotFoundException e) {
            model.addAttribute("guidelines", null);
        }
        model.addAttribute("form", Form.empty());
        return "moderation/guidelines";
    }

    @PostMapping("/guidelines/accept")
    String accept(Actor actor, @RequestParam(defaultValue = "0") int version) {
        guidelines.accept(actor, version);
        return "redirect:/guidelines?accepted";
    }

    @PostMapping("/guidelines")
    String publish(Actor actor, @RequestParam(defaultValue = "") String body, @RequestParam(required = false) String material) {
        guidelines.publish(actor, new NewVersion(body, material != null));
        return "redirect:/guidelines?published";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
