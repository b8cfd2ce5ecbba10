package io.kizuna.identity.web;

import io.kizuna.identity.AccountRecovery;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.RateLimitedException;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Links that arrive by mail: verify the address, reset a forgotten password. */
@Controller
class RecoveryController {
    private final AccountRecovery recovery;

    RecoveryController(AccountRecovery recovery) {
        this.recovery = recovery;
    }

    @GetMapping("/verify-email")
    String verify(@RequestParam(defaultValue = "") String token, HttpServletResponse response, Model model) {
        boolean ok = recovery.verifyEmail(token);
        if (!ok) response.setStatus(400);
        model.addAttribute("verified", ok);
        return "identity/verified";
    }

    @GetMapping("/password/forgot")
    String forgotForm(Model model) {
        model.addAttribute("form", Form.empty());
        model.addAttribute("sent", false);
        return "identity/forgot";
    }

    @PostMapping("/password/forgot")
    String forgot(@RequestParam(defaultValue = "") String email, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            recovery.requestPasswordReset(email, request.getRemoteAddr());
        } catch (RateLimitedException e) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            model.addAttribute("form", Form.error(Map.of("email", email), "email", "validation.rateLimited"));
            model.addAttribute("sent", false);
            return "identity/forgot";
        }
        model.addAttribute("form", Form.empty());
        model.addAttribute("sent", true);
        return "identity/forgot";
    }

    @GetMapping("/password/reset")
    String resetForm(@RequestParam(defaultValue = "") String token, HttpServletResponse response, Model model) {
        boolean live = recovery.isResetLinkLive(token);
        if (!live) response.setStatus(400);
        model.addAttribute("token", token);
        model.addAttribute("live", live);
        model.addAttribute("form", Form.empty());
        return "identity/reset";
    }

    @PostMapping("/password/reset")
    String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
                 HttpServletResponse response, Model model) {
        try {
            recovery.resetPassword(token, password);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("token", token);
            model.addAttribute("live", true);
            model.addAttribute("form", Form.refused(Map.of(), e));
            return "identity/reset";
        } catch (RuleRefusedException e) {
            response.setStatus(400);
            model.addAttribute("token", token);
            model.addAttribute("live", false);
            model.addAttribute("form", Form.empty());
            return "identity/reset";
        }
        return "redirect:/login?reset";
    }
}
