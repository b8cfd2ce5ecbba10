package io.kizuna.notifications.web;

import io.kizuna.notifications.NotificationManagement;
import io.kizuna.notifications.Views.Settings;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.PageRequest;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Notification pages: the list, mail settings, and the unsubscribe link from mail. */
@Controller
class NotificationController {
    private final NotificationManagement notifications;

    NotificationController(NotificationManagement notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String list(Actor actor, @RequestParam(required = false) String cursor, Locale locale, Model model) {
        var page = notifications.list(actor, PageRequest.of("30", cursor));
        model.addAttribute("notifications", page);
        model.addAttribute("summaries", page.items().stream().map(n -> notifications.summary(n, locale)).toList());
        return "notifications/list";
    }

    @GetMapping("/notifications/{id}/open")
    String open(Actor actor, @PathVariable String id) {
        return "redirect:" + notifications.open(actor, id);
    }

    @PostMapping("/notifications/read")
    String readAll(Actor actor) {
        notifications.markRead(actor, null);
        return "redirect:/notifications";
    }

    @GetMapping("/notifications/settings")
    String settings(Actor actor, @RequestParam(required = false) String saved, Model model) {
        var current = notifications.settings(actor);
        model.addAttribute("form", new Form(Map.of("emailMentions", current.emailMentions(), "emailActivity", current.emailActivity()), Map.of()));
        model.addAttribute("saved", saved != null);
        return "notifications/settings";
    }

    @PostMapping("/notifications/settings")
    String saveSettings(Actor actor, @RequestParam(defaultValue = "") String emailMentions, @RequestParam(defaultValue = "") String emailActivity,
                        HttpServletResponse response, Model model) {
        try {
            notifications.updateSettings(actor, new Settings(emailMentions, emailActivity));
            return "redirect:/notifications/settings?saved";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("form", Form.refused(Map.of("emailMentions", emailMentions, "emailActivity", emailActivity), e));
            model.addAttribute("saved", false);
            return "notifications/settings";
        }
    }

    /** The link in every notification mail: a page with one button, since mail scanners follow links but do not post forms. */
    @GetMapping("/unsubscribe/{token}")
    String unsubscribePage(@PathVariable String token, Model model) {
        if (!notifications.isUnsubscribeToken(token)) throw new io.kizuna.shared.NotFoundException("No such unsubscribe link.");
        model.addAttribute("token", token);
        model.addAttribute("done", false);
        return "notifications/unsubscribe";
    }

    /** The button, and RFC 8058 one-click unsubscribe from the mail client (the token is the authority, so no CSRF token). */
    @PostMapping("/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, Model model) {
        notifications.unsubscribe(token);
        model.addAttribute("token", token);
        model.addAttribute("done", true);
        return "notifications/unsubscribe";
    }
}
