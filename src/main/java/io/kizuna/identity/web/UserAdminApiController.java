package io.kizuna.identity.web;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.UserView;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Member administration for owners and admins. */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Identity")
class UserAdminApiController {
    private final IdentityManagement identity;

    UserAdminApiController(IdentityManagement identity) {
        this.identity = identity;
    }

    record RoleChange(String role) {}

    @GetMapping
    @Operation(summary = "All members, oldest first (owner/admin)")
    Page<UserView> members(Actor actor, @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return identity.members(actor, PageRequest.of(limit, cursor));
    }

    @PatchMapping("/{id}/role")
    @Operation(summary = "Change a member's role (owner/admin)", description = "roles: owner, admin, moderator, ambassador, member")
    UserView changeRole(Actor actor, @PathVariable String id, @RequestBody RoleChange body) {
        return identity.changeRole(actor, UserId.parse(id), body.role());
    }
}
