package io.kizuna.moderation.web;

import io.kizuna.moderation.ModerationManagement;
import io.kizuna.moderation.ModerationOptions;
import io.kizuna.moderation.ModerationOptions.OptionsForm;
import io.kizuna.moderation.ModerationSettings;
import io.kizuna.moderation.ModerationSettings.GrantForm;
import io.kizuna.moderation.ModerationSettings.RouteForm;
import io.kizuna.moderation.ModerationSettings.WordForm;
import io.kizuna.moderation.TrustManagement;
import io.kizuna.moderation.TrustManagement.Override;
import io.kizuna.moderation.TrustManagement.ThresholdForm;
import io.kizuna.shared.Actor;
import io.kizuna.shared.DomainException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The owners' and admins' settings page (options, trust thresholds, banned words, escalation routes, per-space grants)
 * and a member's moderation page (history, trust level, override). Forms call the same methods as the API; a refused
 * form comes back with its section's error and the status the API would answer.
 */
@Controller
class ModerationSettingsController {
    private final ModerationSettings settings;
    private final ModerationOptions options;
    private final TrustManagement trust;
    private final ModerationManagement moderation;

    ModerationSettingsController(ModerationSettings settings, ModerationOptions options, TrustManagement trust, ModerationManagement moderation) {
        this.settings = settings;
        this.options = options;
        this.trust = trust;
        this.moderation = moderation;
    }

    @GetMapping("/moderation/settings")
    String page(Actor actor, @RequestParam(required = false) String saved, Model model) {
        return render(actor, model, null, Form.empty(), saved != null);
    }

    private String render(Actor actor, Model model, String section, Form form, boolean saved) {
        model.addAttribute("options", options.read(actor));
        model.addAttribute("defaults", options.defaults());
        model.addAttribute("thresholds", trust.thresholds(actor));
        model.addAttribute("words", settings.words(actor));
        model.addAttribute("routes", settings.routes(actor));
        model.addAttribute("grants", settings.grants(actor));
        model.addAttribute("section", section);
        model.addAttribute("form", form);
        model.addAttribute("saved", saved);
        return "moderation/settings";
    }

    /** Runs a settings change: back to the page when it worked, the page with the section's error when refused. */
    private String change(Actor actor, Model model, HttpServletResponse response, String section, Map<String, String> values, Runnable action) {
        try {
            action.run();
            return "redirect:/moderation/settings?saved#" + section;
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return render(actor, model, section, Form.refused(values, e), false);
        } catch (DomainException e) {
            if (e.status() == 401 || e.status() == 403) throw e;
            response.setStatus(e.status());
            return render(actor, model, section, Form.error(values, section, e.getMessage()), false);
        }
    }

    @PostMapping("/moderation/settings/options")
    String saveOptions(Actor actor, @RequestParam Map<String, String> p, HttpServletResponse response, Model model) {
        return change(actor, model, response, "options", p, () -> options.save(actor, new OptionsForm(integer(p, "firstResponseMinutes"),
            integer(p, "flagHoldWeight"), decimal(p, "biasAlertShare"), integer(p, "biasMinMembers"), integer(p, "unansweredHours"),
            integer(p, "quietDropPercent"))));
    }

    @PostMapping("/moderation/settings/thresholds")
    String saveThresholds(Actor actor, @RequestParam Map<String, String> p, HttpServletResponse response, Model model) {
        var levels = new ArrayList<ThresholdForm>();
        for (int level = 1; level <= TrustManagement.MAX_LEVEL; level++) {
            String at = "l" + level + ".";
            levels.add(new ThresholdForm(level, integer(p, at + "daysVisited"), integer(p, at + "postsRead"), integer(p, at + "postsMade"),
                integer(p, at + "likesReceived"), integer(p, at + "sanctionFreeDays")));
        }
        return change(actor, model, response, "thresholds", p, () -> trust.saveThresholds(actor, levels));
    }

    @PostMapping("/moderation/settings/recompute")
    String recomputeAll(Actor actor, HttpServletResponse response, Model model) {
        return change(actor, model, response, "thresholds", Map.of(), () -> trust.recomputeAll(actor));
    }

    @PostMapping("/moderation/settings/words")
    String addWord(Actor actor, @RequestParam(defaultValue = "") String word, @RequestParam(defaultValue = "") String action,
                   @RequestParam(required = false) String message, HttpServletResponse response, Model model) {
        return change(actor, model, response, "words", Map.of("word", word, "action", action, "message", message == null ? "" : message),
            () -> settings.addWord(actor, new WordForm(word, action, message)));
    }

    @PostMapping("/moderation/settings/words/{id}/delete")
    String removeWord(Actor actor, @PathVariable String id, HttpServletResponse response, Model model) {
        return change(actor, model, response, "words", Map.of(), () -> settings.removeWord(actor, id));
    }

    @PostMapping("/moderation/settings/routes")
    String saveRoute(Actor actor, @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String name,
                     @RequestParam(defaultValue = "") String staffIds, HttpServletResponse response, Model model) {
        List<String> ids = Arrays.stream(staffIds.split("[,\\s、，]+")).filter(s -> !s.isBlank()).toList();
        return change(actor, model, response, "routes", Map.of("code", code, "name", name, "staffIds", staffIds),
            () -> settings.saveRoute(actor, code, new RouteForm(name, ids)));
    }

    @PostMapping("/moderation/settings/routes/{code}/delete")
    String deleteRoute(Actor actor, @PathVariable String code, HttpServletResponse response, Model model) {
        return change(actor, model, response, "routes", Map.of(), () -> settings.deleteRoute(actor, code));
    }

    @PostMapping("/moderation/settings/grants")
    String grant(Actor actor, @RequestParam(defaultValue = "") String userId, @RequestParam(defaultValue = "") String spaceSlug,
                 @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "add") String op, HttpServletResponse response,
                 Model model) {
        return change(actor, model, response, "grants", Map.of("userId", userId, "spaceSlug", spaceSlug, "role", role),
            () -> settings.grant(actor, new GrantForm(userId, spaceSlug, role), !"remove".equals(op)));
    }

    /** A member as moderators see them: sanctions, cases, actions, and (for global moderators) the trust level. */
    @GetMapping("/moderation/members/{id}")
    String member(Actor actor, @PathVariable String id, @RequestParam(required = false) String saved, Model model) {
        model.addAttribute("history", moderation.history(actor, id));
        model.addAttribute("trust", actor.isStaff() ? trust.view(actor, id) : null);
        model.addAttribute("form", Form.empty());
        model.addAttribute("saved", saved != null);
        return "moderation/member";
    }

    @PostMapping("/moderation/members/{id}/trust")
    String override(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "") String level, @RequestParam(required = false) String note,
                    @RequestParam(defaultValue = "override") String op, HttpServletResponse response, Model model) {
        try {
            if ("recompute".equals(op)) trust.recompute(actor, id);
            else trust.override(actor, id, new Override(level.isBlank() ? null : integer(Map.of("level", level), "level"), note));
            return "redirect:/moderation/members/" + id + "?saved";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            member(actor, id, null, model);
            model.addAttribute("form", Form.refused(Map.of("level", level, "note", note == null ? "" : note), e));
            return "moderation/member";
        }
    }

    /** A form number; text that is not one is sent on as -1, which every range refuses with a field error. */
    private static Integer integer(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Double decimal(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            return -1.0;
        }
    }
}
