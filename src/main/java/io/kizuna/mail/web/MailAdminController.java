package io.kizuna.mail.web;

import io.kizuna.mail.internal.OutboxMails;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The outbox for owners and admins: with no SMTP configured this is where mail is read. Only admins, because
 * account mails carry sign-in links.
 */
@Controller
class MailAdminController {
    private final OutboxMails mails;

    MailAdminController(OutboxMails mails) {
        this.mails = mails;
    }

    @GetMapping("/admin/mail")
    String list(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        requireAdmin(actor);
        var page = PageRequest.of("50", cursor);
        Long before = page.isFirst() ? null : page.afterLong(0);
        model.addAttribute("mails", Page.fromOverfetch(mails.page(before, page.limit() + 1), page.limit(), m -> PageRequest.encode(m.id())));
        return "mail/outbox";
    }

    @GetMapping("/admin/mail/{id}")
    String show(Actor actor, @PathVariable String id, Model model) {
        requireAdmin(actor);
        long mailId;
        try {
            mailId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("No such mail.");
        }
        model.addAttribute("mail", mails.find(mailId).orElseThrow(() -> new NotFoundException("No such mail.")));
        return "mail/show";
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) throw new ForbiddenException("Only owners and admins may read the outbox.");
    }
}
