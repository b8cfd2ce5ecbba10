package io.kizuna.identity.web;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.IdentityManagement.Signup;
import io.kizuna.identity.SignupTerms;
import io.kizuna.identity.internal.ActorAuthentication;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.RateLimitedException;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.UnauthorizedException;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Sign-up, log-in and log-out pages. */
@Controller
class SignInController {
    private final IdentityManagement identity;
    private final SecurityContextRepository contexts;
    private final CsrfTokenRepository csrfTokens;
    private final ObjectProvider<SignupTerms> terms;

    SignInController(IdentityManagement identity, SecurityContextRepository contexts, CsrfTokenRepository csrfTokens,
                     ObjectProvider<SignupTerms> terms) {
        this.identity = identity;
        this.terms = terms;
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
    }

    @GetMapping("/signup")
    String signupForm(Optional<Actor> actor, Model model) {
        if (actor.isPresent()) return "redirect:/account";
        model.addAttribute("form", Form.empty());
        model.addAttribute("guidelinesVersion", guidelinesVersion());
        return "identity/signup";
    }

    /** The guidelines version a new member accepts on the form; null while none is published. */
    private Integer guidelinesVersion() {
        var t = terms.getIfAvailable();
        return t == null ? null : t.currentVersion().orElse(null);
    }

    @PostMapping("/signup")
    String signup(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String displayName, @RequestParam(required = false) Integer acceptGuidelines,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        var values = Map.of("email", email, "displayName", displayName);
        var version = guidelinesVersion();
        model.addAttribute("guidelinesVersion", version);
        try {
            if (version != null && acceptGuidelines == null) throw new InvalidInputException("acceptGuidelines", "validation.acceptGuidelines");
            identity.signup(new Signup(email, password, displayName, version == null ? null : acceptGuidelines), RequestContextUtils.getLocale(request),
                request.getRemoteAddr());
        } catch (InvalidInputException e) {
            return refuse(model, response, 400, Form.refused(values, e), "identity/signup");
        } catch (ConflictException e) {
            return refuse(model, response, 409, Form.error(values, "email", "validation.email.taken"), "identity/signup");
        } catch (RateLimitedException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return refuse(model, response, 429, Form.error(values, "email", "validation.rateLimited"), "identity/signup");
        }
        Actor actor = identity.authenticate(email, password, request.getRemoteAddr());
        signIn(actor, request, response);
        return "redirect:/account?welcome";
    }

    @GetMapping("/login")
    String loginForm(Optional<Actor> actor, @RequestParam(required = false) String next, Model model) {
        if (actor.isPresent()) return "redirect:/";
        model.addAttribute("form", new Form(Map.of("next", safeNext(next)), Map.of()));
        return "identity/login";
    }

    @PostMapping("/login")
    String login(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                 @RequestParam(required = false) String next, HttpServletRequest request, HttpServletResponse response, Model model) {
        var values = Map.of("email", email, "next", safeNext(next));
        try {
            signIn(identity.authenticate(email, password, request.getRemoteAddr()), request, response);
        } catch (UnauthorizedException e) {
            return refuse(model, response, 401, Form.error(values, "password", "login.wrong"), "identity/login");
        } catch (RateLimitedException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return refuse(model, response, 429, Form.error(values, "password", "login.blocked"), "identity/login");
        }
        return "redirect:" + safeNext(next);
    }

    @PostMapping("/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        var session = request.getSession(false);
        if (session != null) session.invalidate();
        SecurityContextHolder.clearContext();
        csrfTokens.saveToken(null, request, response);
        return "redirect:/";
    }

    /**
     * Signs in with a new session id (no session fixation) and a new CSRF token.
     */
    private void signIn(Actor actor, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) request.changeSessionId();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ActorAuthentication(actor));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        csrfTokens.saveToken(null, request, response);
    }

    private static String refuse(Model model, HttpServletResponse response, int status, Form form, String view) {
        response.setStatus(status);
        model.addAttribute("form", form);
        return view;
    }

    /** Only local paths, so a crafted link cannot send a member elsewhere after signing in. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.contains("\r") || next.contains("\n")) {
            return "/";
        }
        return next;
    }
}
