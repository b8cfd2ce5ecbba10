package io.kizuna.identity.web;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.IdentityManagement.Signup;
import io.kizuna.identity.TokenManagement;
import io.kizuna.identity.TokenManagement.IssuedToken;
import io.kizuna.identity.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Sign up and sign in for API clients. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Identity")
class AuthApiController {
    private final IdentityManagement identity;
    private final TokenManagement tokens;

    AuthApiController(IdentityManagement identity, TokenManagement tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    /** The sign-in body; {@code name} labels the token in the member's token list. */
    record TokenRequest(String email, String password, String name) {}

    @PostMapping("/signup")
    @Operation(summary = "Create a member account", description = "201 user; 409 email taken; 400 invalid fields. A verification mail is sent.")
    ResponseEntity<UserView> signup(@RequestBody Signup body, HttpServletRequest request) {
        var user = identity.signup(body, RequestContextUtils.getLocale(request), request.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/v1/me")).body(user);
    }

    @PostMapping("/token")
    @Operation(summary = "Exchange email and password for a bearer token", description = "200 {token, expiresAt, user}; 401 wrong; 429 after repeated failures")
    IssuedToken token(@RequestBody TokenRequest body, HttpServletRequest request) {
        var actor = identity.authenticate(body.email(), body.password(), request.getRemoteAddr());
        return tokens.issue(actor, body.name());
    }
}
