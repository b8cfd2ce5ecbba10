package io.kizuna.community.web;

import io.kizuna.community.CommunityHealth;
import io.kizuna.community.WelcomeManagement;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Pages of the community's staff area: the welcome list and community health. */
@Controller
class CommunityStaffController {
    private final WelcomeManagement welcomes;
    private final CommunityHealth health;

    CommunityStaffController(WelcomeManagement welcomes, CommunityHealth health) {
        this.welcomes = welcomes;
        this.health = health;
    }

    @GetMapping("/moderation/welcome")
    String newcomers(Actor actor, @RequestParam(required = false) String welcomed, Model model) {
        model.addAttribute("newcomers", welcomes.list(actor));
        model.addAttribute("welcomed", welcomed != null);
        return "community/welcome";
    }

    @PostMapping("/moderation/welcome/{postId}")
    String welcome(Actor actor, @PathVariable String postId, @RequestParam(required = false) String message, HttpServletRequest request) {
        try {
            welcomes.welcome(actor, postId, message, RequestContextUtils.getLocale(request));
        } catch (ConflictException e) {
            // welcomed by someone else a moment ago: the list no longer shows it either way
        }
        return "redirect:/moderation/welcome?welcomed";
    }

    @GetMapping("/moderation/health")
    String health(Actor actor, @RequestParam(required = false) String space, @RequestParam(required = false) String period, Model model) {
        model.addAttribute("bias", health.bias(actor, space, period, null));
        model.addAttribute("quiet", health.quiet(actor, space, null));
        return "community/health";
    }
}
