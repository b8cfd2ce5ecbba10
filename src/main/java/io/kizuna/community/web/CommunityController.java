package io.kizuna.community.web;

import io.kizuna.community.CommunityPolicy;
import io.kizuna.community.PollManagement;
import io.kizuna.community.PollManagement.NewPoll;
import io.kizuna.community.PostManagement;
import io.kizuna.community.SpaceManagement;
import io.kizuna.community.ThreadKind;
import io.kizuna.community.ThreadCuration;
import io.kizuna.community.ThreadManagement;
import io.kizuna.community.ThreadManagement.NewThread;
import io.kizuna.community.internal.ContentRules;
import io.kizuna.moderation.TrustManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.DomainException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Community pages: spaces, a space's threads, a thread with its posts, and the forms that write to them. */
@Controller
class CommunityController {
    private final SpaceManagement spaces;
    private final ThreadManagement threads;
    private final PostManagement posts;
    private final io.kizuna.community.MemberActivity members;
    private final PollManagement polls;
    private final ThreadCuration curation;
    private final TrustManagement trust;
    private final CommunityPolicy policy;

    CommunityController(SpaceManagement spaces, ThreadManagement threads, PostManagement posts,
                        io.kizuna.community.MemberActivity members, PollManagement polls, ThreadCuration curation, TrustManagement trust,
                        CommunityPolicy policy) {
        this.policy = policy;
        this.curation = curation;
        this.trust = trust;
        this.members = members;
        this.polls = polls;
        this.spaces = spaces;
        this.threads = threads;
        this.posts = posts;
    }

    @GetMapping("/spaces")
    String spaces(Optional<Actor> actor, Model model) {
        model.addAttribute("spaces", spaces.visible(actor));
        return "community/spaces";
    }

    @GetMapping("/u/{id}")
    String member(Optional<Actor> actor, @PathVariable String id, Model model) {
        var profile = members.profile(actor, id);
        model.addAttribute("profile", profile);
        model.addAttribute("trustLevel", trust.level(io.kizuna.shared.UserId.parse(profile.id())));
        return "community/member";
    }

    @PostMapping("/t/{id}/staff")
    String staff(Actor actor, @PathVariable String id, @RequestParam String action,
                 @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String comment,
                 @RequestParam(defaultValue = "") String space, @RequestParam(defaultValue = "") String title) {
        switch (action) {
            case "lock" -> curation.setLocked(actor, id, true);
            case "unlock" -> curation.setLocked(actor, id, false);
            case "close" -> curation.close(actor, id, "off_topic");
            case "pin" -> curation.setPinned(actor, id, true);
            case "unpin" -> curation.setPinned(actor, id, false);
            case "status" -> curation.setIdeaStatus(actor, id, status, comment);
            case "move" -> curation.move(actor, id, space);
            case "retitle" -> curation.retitle(actor, id, title);
            default -> throw new InvalidInputException("action", "validation.unknownValue");
        }
        return "redirect:/t/" + threads.view(Optional.of(actor), id).id();
    }

    @GetMapping("/s/{slug}")
    String space(Optional<Actor> actor, @PathVariable String slug, @RequestParam(required = false) String cursor, Model model) {
        var request = PageRequest.of("30", cursor);
        model.addAttribute("space", spaces.view(actor, slug));
        model.addAttribute("threads", threads.list(actor, slug, request));
        model.addAttribute("firstPage", request.isFirst());
        return "community/space";
    }

    @GetMapping("/s/{slug}/new")
    String newThreadForm(Actor actor, @PathVariable String slug, @RequestParam(defaultValue = "question") String kind, Model model) {
        model.addAttribute("space", spaces.view(Optional.of(actor), slug));
        model.addAttribute("kinds", kinds(actor));
        model.addAttribute("form", new Form(Map.of("kind", kind), Map.of()));
        return "community/new-thread";
    }

    @PostMapping("/s/{slug}/new")
    String startThread(Actor actor, @PathVariable String slug, @RequestParam(defaultValue = "") String title,
                       @RequestParam(defaultValue = "") String body, @RequestParam(defaultValue = "") String kind,
                       @RequestParam(name = "poll.question", defaultValue = "") String pollQuestion,
                       @RequestParam(name = "poll.options", defaultValue = "") String pollOptions,
                       @RequestParam(name = "poll.multiple", defaultValue = "false") String pollMultiple,
                       @RequestParam(name = "poll.closesAt", defaultValue = "") String pollClosesAt,
                       HttpServletResponse response, Model model) {
        try {
            NewPoll poll = null;
            if (!ContentRules.isBlank(pollQuestion) || !ContentRules.isBlank(pollOptions)) {
                var options = pollOptions.lines().filter(l -> !ContentRules.isBlank(l)).toList();
                poll = new NewPoll(pollQuestion, options, "true".equals(pollMultiple), pollClosesAt);
            }
            var thread = threads.start(actor, slug, new NewThread(title, body, kind, poll));
            return "redirect:/t/" + thread.id();
        } catch (DomainException e) {
            var form = Refusals.form(response, Map.of("title", title, "body", body, "kind", kind, "poll.question", pollQuestion,
                "poll.options", pollOptions, "poll.multiple", pollMultiple, "poll.closesAt", pollClosesAt), e);
            model.addAttribute("space", spaces.view(Optional.of(actor), slug));
            model.addAttribute("kinds", kinds(actor));
            model.addAttribute("form", form);
            return "community/new-thread";
        }
    }

    @GetMapping("/t/{id}")
    String thread(Optional<Actor> actor, @PathVariable String id, @RequestParam(required = false) String cursor, Model model) {
        var thread = threads.view(actor, id);
        var request = PageRequest.of("100", cursor);
        var page = posts.list(actor, id, request);
        model.addAttribute("thread", thread);
        model.addAttribute("posts", page);
        model.addAttribute("firstPage", request.isFirst());
        // both by id: on a later page the first post is a reply, and the accepted answer may be on any page
        var opening = posts.opening(actor, id).orElse(null);
        var accepted = posts.accepted(actor, id).orElse(null);
        model.addAttribute("opening", opening);
        model.addAttribute("accepted", accepted);
        var shown = new java.util.ArrayList<>(page.items());
        if (opening != null) shown.add(opening);
        if (accepted != null) shown.add(accepted);
        model.addAttribute("mine", actor.map(a -> posts.reactionsOf(a, shown)).orElse(Map.of()));
        model.addAttribute("canAccept", actor.map(a -> a.isStaff() || a.id().toString().equals(thread.author().id())).orElse(false)
            && "question".equals(thread.kind()));
        model.addAttribute("canReply", actor.filter(a -> !thread.locked() || policy.canReplyWhileLocked(a)).isPresent());
        model.addAttribute("form", Form.empty());
        model.addAttribute("poll", thread.hasPoll() ? polls.view(actor, id) : null);
        var tools = curation.tools(actor, thread);
        model.addAttribute("tools", tools);
        model.addAttribute("moveTargets", tools.move() ? curation.moveTargets(actor.orElseThrow(), thread) : java.util.List.of());
        return "community/thread";
    }

    @PostMapping("/t/{id}/poll/vote")
    String votePoll(Actor actor, @PathVariable String id, @RequestParam(name = "optionIds", required = false) java.util.List<String> optionIds) {
        try {
            polls.vote(actor, id, optionIds);
        } catch (ConflictException e) {
            // voted already (another tab) or the poll closed meanwhile: the page shows the current state
        }
        return "redirect:/t/" + id + "#poll";
    }

    @PostMapping("/t/{id}/poll/retract")
    String retractPoll(Actor actor, @PathVariable String id) {
        try {
            polls.retract(actor, id);
        } catch (ConflictException e) {
            // the poll closed meanwhile
        }
        return "redirect:/t/" + id + "#poll";
    }

    @PostMapping("/t/{id}/reply")
    String reply(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "") String body,
                 HttpServletResponse response, Model model) {
        try {
            var post = posts.reply(actor, id, body, null);
            return "redirect:/t/" + id + "#post-" + post.id();
        } catch (DomainException e) {
            var form = Refusals.form(response, Map.of("body", body), e);
            thread(Optional.of(actor), id, null, model);
            model.addAttribute("form", form);
            model.addAttribute("canReply", true); // the refused text stays in its box, also on a thread locked meanwhile
            return "community/thread";
        }
    }

    @PostMapping("/t/{id}/accept")
    String accept(Actor actor, @PathVariable String id, @RequestParam String postId) {
        threads.accept(actor, id, postId);
        return "redirect:/t/" + id;
    }

    @PostMapping("/t/{id}/vote")
    String vote(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "add") String action) {
        try {
            if ("remove".equals(action)) threads.unvote(actor, id);
            else threads.vote(actor, id);
        } catch (ConflictException | RuleRefusedException e) {
            // a double click or a stale page: the thread page shows the current state
        }
        return "redirect:/t/" + id;
    }

    /** Reacts, or ({@code action=remove}) takes the reaction back: the page's reaction buttons toggle. */
    @PostMapping("/posts/{id}/react")
    String react(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "") String type,
                 @RequestParam(defaultValue = "add") String action) {
        var post = "remove".equals(action) ? posts.unreact(actor, id, type) : posts.react(actor, id, type);
        return "redirect:/t/" + post.threadId() + "#post-" + post.id();
    }

    private static java.util.List<String> kinds(Actor actor) {
        return Arrays.stream(ThreadKind.values()).filter(k -> k != ThreadKind.ANNOUNCEMENT || actor.isStaff()).map(ThreadKind::code).toList();
    }
}
