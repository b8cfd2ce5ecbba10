package io.kizuna.identity.web;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.IdentityManagement.ProfileChange;
import io.kizuna.identity.PersonalDataManagement;
import io.kizuna.identity.TokenManagement;
import io.kizuna.identity.TokenManagement.TokenView;
import io.kizuna.identity.UserView;
import io.kizuna.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account. Every call acts on the token's member only; no id is taken from the request. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity")
class MeApiController {
    private final IdentityManagement identity;
    private final TokenManagement tokens;
    private final PersonalDataManagement personalData;

    MeApiController(IdentityManagement identity, TokenManagement tokens, PersonalDataManagement personalData) {
        this.identity = identity;
        this.tokens = tokens;
        this.personalData = personalData;
    }

    record PasswordChange(String currentPassword, String newPassword) {}

    record Erasure(String password) {}

    @GetMapping
    @Operation(summary = "The signed-in member", description = "{id, email, displayName, role, ...}")
    UserView me(Actor actor) {
        return identity.me(actor);
    }

    @PatchMapping
    @Operation(summary = "Update the profile (display name, family/given name and furigana)")
    UserView update(Actor actor, @RequestBody ProfileChange body) {
        return identity.updateProfile(actor, body);
    }

    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the password; all tokens and other sessions end")
    void changePassword(Actor actor, @RequestBody PasswordChange body) {
        identity.changePassword(actor, body.currentPassword(), body.newPassword(), null);
    }

    @GetMapping("/tokens")
    @Operation(summary = "The caller's live API tokens (never the secrets)")
    Map<String, List<TokenView>> tokens(Actor actor) {
        return Map.of("items", tokens.list(actor));
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of the caller's tokens; 404 for anyone else's")
    void revoke(Actor actor, @PathVariable String id) {
        tokens.revoke(actor, id);
    }

    @GetMapping("/personal-data")
    @Operation(summary = "Everything Kizuna holds about the caller, as JSON (APPI)")
    Map<String, Object> export(Actor actor) {
        return personalData.export(actor);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete the account: personal data erased, content kept anonymously. Needs the password.")
    void erase(Actor actor, @RequestBody Erasure body) {
        personalData.erase(actor, body.password());
    }
}
