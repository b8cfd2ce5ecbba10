package io.kizuna.identity.web;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.Role;
import io.kizuna.shared.UserId;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Owners and admins list members and change roles. */
@Controller
class UserAdminController {
    private final IdentityManagement identity;

    UserAdminController(IdentityManagement identity) {
        this.identity = identity;
    }

    @GetMapping("/admin/users")
    String list(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("users", identity.members(actor, PageRequest.of("50", cursor)));
        model.addAttribute("roles", Arrays.stream(Role.values()).map(Role::code).toList());
        return "identity/admin-users";
    }

    @PostMapping("/admin/users/{id}/role")
    String changeRole(Actor actor, @PathVariable String id, @RequestParam String role) {
        identity.changeRole(actor, UserId.parse(id), role);
        return "redirect:/admin/users?changed";
    }
}
