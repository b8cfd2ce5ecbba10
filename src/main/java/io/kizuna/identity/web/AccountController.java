package io.kizuna.identity.web;

import io.kizuna.identity.AccountRecovery;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.IdentityManagement.ProfileChange;
import io.kizuna.identity.PersonalDataManagement;
import io.kizuna.identity.TokenManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.RateLimitedException;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The member's own account pages: profile, password, API tokens, personal data. */
@Controller
class AccountController {
    private final IdentityManagement identity;
    private final AccountRecovery recovery;
    private final TokenManagement tokens;
    private final PersonalDataManagement personalData;
    private final SignInController signIn;

    AccountController(IdentityManagement identity, AccountRecovery recovery, TokenManagement tokens,
                      PersonalDataManagement personalData, SignInController signIn) {
        this.identity = identity;
        this.recovery = recovery;
        this.tokens = tokens;
        this.personalData = personalData;
        this.signIn = signIn;
    }

    private static final java.util.List<String> NOTICES = java.util.List.of("welcome", "saved", "sent", "limited", "passwordChanged");

    @GetMapping("/account")
    String profile(Actor actor, HttpServletRequest request, Model model) {
        NOTICES.stream().filter(n -> request.getParameter(n) != null).findFirst()
            .ifPresent(n -> model.addAttribute("notice", "account." + n));
        var me = identity.view(actor.id());
        var values = new HashMap<String, String>();
        values.put("displayName", me.displayName());
        values.put("handle", nz(me.handle()));
        values.put("familyName", nz(me.familyName()));
        values.put("givenName", nz(me.givenName()));
        values.put("familyNameKana", nz(me.familyNameKana()));
        values.put("givenNameKana", nz(me.givenNameKana()));
        model.addAttribute("me", me);
        model.addAttribute("form", new Form(values, Map.of()));
        return "identity/account";
    }

    @PostMapping("/account/profile")
    String updateProfile(Actor actor, @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String handle,
                         @RequestParam(defaultValue = "") String familyName, @RequestParam(defaultValue = "") String givenName,
                         @RequestParam(defaultValue = "") String familyNameKana, @RequestParam(defaultValue = "") String givenNameKana,
                         HttpServletResponse response, Model model) {
        try {
            identity.updateProfile(actor, new ProfileChange(displayName, familyName, givenName, familyNameKana, givenNameKana, handle));
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("me", identity.view(actor.id()));
            model.addAttribute("form", Form.refused(Map.of("displayName", displayName, "handle", handle, "familyName", familyName,
                "givenName", givenName, "familyNameKana", familyNameKana, "givenNameKana", givenNameKana), e));
            return "identity/account";
        }
        return "redirect:/account?saved";
    }

    @PostMapping("/account/verification")
    String resendVerification(Actor actor) {
        try {
            recovery.resendVerification(actor);
        } catch (RateLimitedException e) {
            return "redirect:/account?limited";
        }
        return "redirect:/account?sent";
    }

    @GetMapping("/account/password")
    String passwordForm(Actor actor, Model model) {
        model.addAttribute("form", Form.empty());
        return "identity/password";
    }

    @PostMapping("/account/password")
    String changePassword(Actor actor, @RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        try {
            var session = request.getSession(false);
            identity.changePassword(actor, currentPassword, newPassword, session == null ? null : session.getId());
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("form", Form.refused(Map.of(), e));
            return "identity/password";
        }
        return "redirect:/account?passwordChanged";
    }

    @GetMapping("/account/tokens")
    String tokenList(Actor actor, Model model) {
        model.addAttribute("tokens", tokens.list(actor));
        model.addAttribute("newToken", null);
        model.addAttribute("form", Form.empty());
        return "identity/tokens";
    }

    @PostMapping("/account/tokens")
    String createToken(Actor actor, @RequestParam(defaultValue = "") String name, HttpServletResponse response, Model model) {
        String secret = null;
        Form form = Form.empty();
        try {
            secret = tokens.issue(actor, name).token();
        } catch (InvalidInputException e) {
            response.setStatus(400);
            form = Form.refused(Map.of("name", name), e);
        }
        model.addAttribute("tokens", tokens.list(actor));
        model.addAttribute("newToken", secret);
        model.addAttribute("form", form);
        return "identity/tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(Actor actor, @PathVariable String id) {
        tokens.revoke(actor, id);
        return "redirect:/account/tokens";
    }

    @GetMapping("/account/data")
    String dataPage(Actor actor, Model model) {
        model.addAttribute("form", Form.empty());
        return "identity/data";
    }

    @GetMapping("/account/data/export")
    ResponseEntity<Map<String, Object>> export(Actor actor) {
        return ResponseEntity.ok()
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("kizuna-personal-data.json").build().toString())
            .contentType(MediaType.APPLICATION_JSON)
            .body(personalData.export(actor));
    }

    @PostMapping("/account/delete")
    String delete(Actor actor, @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try {
            personalData.erase(actor, password);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("form", Form.refused(Map.of(), e));
            return "identity/data";
        } catch (RuleRefusedException e) {
            response.setStatus(422);
            model.addAttribute("form", Form.error(Map.of(), "password", "account.delete.lastOwner"));
            return "identity/data";
        }
        signIn.logout(request, response);
        return "redirect:/?deleted";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
