package io.kizuna.community.web;

import io.kizuna.community.PollManagement;
import io.kizuna.community.PollManagement.NewPoll;
import io.kizuna.community.PostManagement;
import io.kizuna.community.SpaceManagement;
import io.kizuna.community.SpaceManagement.NewSpace;
import io.kizuna.community.ThreadCuration;
import io.kizuna.community.ThreadManagement;
import io.kizuna.community.ThreadManagement.NewThread;
import io.kizuna.community.Views.PollView;
import io.kizuna.community.Views.PostView;
import io.kizuna.community.Views.SpaceView;
import io.kizuna.community.Views.ThreadView;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The community API of API.md: spaces, threads, posts, reactions, accepted answers and idea votes. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Community")
class CommunityApiController {
    private final SpaceManagement spaces;
    private final ThreadManagement threads;
    private final PostManagement posts;
    private final io.kizuna.community.MemberActivity members;
    private final PollManagement polls;
    private final ThreadCuration curation;

    CommunityApiController(SpaceManagement spaces, ThreadManagement threads, PostManagement posts,
                           io.kizuna.community.MemberActivity members, PollManagement polls, ThreadCuration curation) {
        this.curation = curation;
        this.members = members;
        this.polls = polls;
        this.spaces = spaces;
        this.threads = threads;
        this.posts = posts;
    }

    record NewMember(String userId) {}

    record NewPost(String body, String replyToPostId) {}

    record PostEdit(String body) {}

    record Reaction(String type) {}

    record Acceptance(String postId) {}

    /** {@code {value: true|false}}: a missing or null value is refused, not taken for true. */
    record Flag(Boolean value) {
        boolean required() {
            if (value == null) throw new InvalidInputException("value", "validation.required");
            return value;
        }
    }

    record Move(String spaceSlug) {}

    record IdeaStatus(String status, String comment) {}

    record Close(String reason) {}

    record Title(String title) {}

    record Preview(String body) {}

    record Ballot(List<String> optionIds) {}

    @PostMapping("/spaces")
    @Operation(summary = "Create a space (admin)", description = "visibility: public, members, private")
    ResponseEntity<SpaceView> createSpace(Actor actor, @RequestBody NewSpace body) {
        var space = spaces.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/spaces/" + space.slug())).body(space);
    }

    @GetMapping("/spaces")
    @Operation(summary = "The spaces the caller can see")
    Map<String, List<SpaceView>> listSpaces(Optional<Actor> actor) {
        return Map.of("items", spaces.visible(actor));
    }

    @GetMapping("/spaces/{slug}")
    @Operation(summary = "One space (404 when the caller may not see it)")
    SpaceView space(Optional<Actor> actor, @PathVariable String slug) {
        return spaces.view(actor, slug);
    }

    @PostMapping("/spaces/{slug}/members")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a member to a private space (admin/moderator)")
    Map<String, String> addMember(Actor actor, @PathVariable String slug, @RequestBody NewMember body) {
        spaces.addMember(actor, slug, body.userId());
        return Map.of("spaceSlug", slug, "userId", body.userId());
    }

    @PostMapping("/spaces/{slug}/threads")
    @Operation(summary = "Start a thread", description = "kind: discussion, question, idea, announcement (staff only)")
    ResponseEntity<ThreadView> startThread(Actor actor, @PathVariable String slug, @RequestBody NewThread body) {
        var thread = threads.start(actor, slug, body);
        return ResponseEntity.created(URI.create("/api/v1/threads/" + thread.id())).body(thread);
    }

    @GetMapping("/spaces/{slug}/threads")
    @Operation(summary = "A space's threads, pinned first, then newest activity first")
    Page<ThreadView> listThreads(Optional<Actor> actor, @PathVariable String slug,
                                 @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return threads.list(actor, slug, PageRequest.of(limit, cursor));
    }

    @GetMapping("/threads/{id}")
    @Operation(summary = "One thread")
    ThreadView thread(Optional<Actor> actor, @PathVariable String id) {
        return threads.view(actor, id);
    }

    @GetMapping("/threads/{id}/posts")
    @Operation(summary = "A thread's posts, oldest first; the opening post is first")
    Page<PostView> listPosts(Optional<Actor> actor, @PathVariable String id,
                             @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return posts.list(actor, id, PageRequest.of(limit, cursor));
    }

    @PostMapping("/threads/{id}/posts")
    @Operation(summary = "Reply", description = "409 when the thread is locked")
    ResponseEntity<PostView> reply(Actor actor, @PathVariable String id, @RequestBody NewPost body) {
        var post = posts.reply(actor, id, body.body(), body.replyToPostId());
        return ResponseEntity.created(URI.create("/api/v1/posts/" + post.id())).body(post);
    }

    @PutMapping("/posts/{id}")
    @Operation(summary = "Edit a post (author or staff); the history is kept")
    PostView edit(Actor actor, @PathVariable String id, @RequestBody PostEdit body) {
        return posts.edit(actor, id, body.body());
    }

    @DeleteMapping("/posts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a post (author or staff); soft, kept for audit")
    void delete(Actor actor, @PathVariable String id) {
        posts.delete(actor, id);
    }

    @PostMapping("/posts/{id}/reactions")
    @Operation(summary = "React to a post; idempotent per member and type", description = "type: like, thanks, helpful, laugh, wow")
    PostView react(Actor actor, @PathVariable String id, @RequestBody Reaction body) {
        return posts.react(actor, id, body.type());
    }

    @DeleteMapping("/posts/{id}/reactions/{type}")
    @Operation(summary = "Take a reaction back")
    PostView unreact(Actor actor, @PathVariable String id, @PathVariable String type) {
        return posts.unreact(actor, id, type);
    }

    @PostMapping("/threads/{id}/accepted-answer")
    @Operation(summary = "Accept an answer to a question (asker or staff)")
    ThreadView accept(Actor actor, @PathVariable String id, @RequestBody Acceptance body) {
        return threads.accept(actor, id, body.postId());
    }

    @PostMapping("/threads/{id}/votes")
    @Operation(summary = "Vote for an idea; one vote per member (409 on a second)")
    ThreadView vote(Actor actor, @PathVariable String id) {
        return threads.vote(actor, id);
    }

    @DeleteMapping("/threads/{id}/votes")
    @Operation(summary = "Take the vote back")
    ThreadView unvote(Actor actor, @PathVariable String id) {
        return threads.unvote(actor, id);
    }

    @PostMapping("/threads/{id}/close")
    @Operation(summary = "Close a thread as off-topic (ambassadors, trust level 4, moderators of its space)",
        description = "{reason: off_topic}: locks it with that reason; reopening is a moderator's unlock")
    ThreadView close(Actor actor, @PathVariable String id, @RequestBody Close body) {
        return curation.close(actor, id, body.reason());
    }

    @PutMapping("/threads/{id}/title")
    @Operation(summary = "Retitle a thread (its author, moderators of its space, trust level 3 and up in public spaces)")
    ThreadView retitle(Actor actor, @PathVariable String id, @RequestBody Title body) {
        return curation.retitle(actor, id, body.title());
    }

    @PostMapping("/threads/{id}/lock")
    @Operation(summary = "Lock or unlock a thread (moderators of its space and up)", description = "{value: true|false}")
    ThreadView lock(Actor actor, @PathVariable String id, @RequestBody Flag body) {
        return curation.setLocked(actor, id, body.required());
    }

    @PostMapping("/threads/{id}/pin")
    @Operation(summary = "Pin or unpin a thread (moderators of its space, ambassadors, trust level 4)", description = "{value: true|false}")
    ThreadView pin(Actor actor, @PathVariable String id, @RequestBody Flag body) {
        return curation.setPinned(actor, id, body.required());
    }

    @PostMapping("/threads/{id}/move")
    @Operation(summary = "Move a thread to another space (moderators of both spaces; trust level 3 and up between public spaces)")
    ThreadView move(Actor actor, @PathVariable String id, @RequestBody Move body) {
        return curation.move(actor, id, body.spaceSlug());
    }

    @PostMapping("/threads/{id}/status")
    @Operation(summary = "Set an idea's status with a comment (staff)", description = "open, under_review, planned, in_progress, shipped, declined")
    ThreadView status(Actor actor, @PathVariable String id, @RequestBody IdeaStatus body) {
        return curation.setIdeaStatus(actor, id, body.status(), body.comment());
    }

    @PostMapping("/threads/{id}/poll")
    @Operation(summary = "Add a poll to a thread (its author or staff)",
        description = "{question, options: 2..20 labels, multiple, closesAt?}; results show after voting or after close; 409 if the thread has one")
    ResponseEntity<PollView> addPoll(Actor actor, @PathVariable String id, @RequestBody NewPoll body) {
        var poll = polls.create(actor, id, body);
        return ResponseEntity.created(URI.create("/api/v1/threads/" + id + "/poll")).body(poll);
    }

    @GetMapping("/threads/{id}/poll")
    @Operation(summary = "A thread's poll; counts are null until the caller voted or the poll closed")
    PollView poll(Optional<Actor> actor, @PathVariable String id) {
        return polls.view(actor, id);
    }

    @PostMapping("/threads/{id}/poll/votes")
    @Operation(summary = "Vote in a poll", description = "{optionIds: [...]}: one id, or several in a multiple-choice poll; 409 on a second ballot or after close")
    PollView votePoll(Actor actor, @PathVariable String id, @RequestBody Ballot body) {
        return polls.vote(actor, id, body.optionIds());
    }

    @DeleteMapping("/threads/{id}/poll/votes")
    @Operation(summary = "Take one's ballot back while the poll is open")
    PollView retractPoll(Actor actor, @PathVariable String id) {
        return polls.retract(actor, id);
    }

    @GetMapping("/members/{id}/profile")
    @Operation(summary = "A member's threads, answers and accepted answers in spaces the caller may see")
    io.kizuna.community.MemberActivity.Profile profile(Optional<Actor> actor, @PathVariable String id) {
        return members.profile(actor, id);
    }

    @PostMapping("/markdown/preview")
    @Operation(summary = "Render Markdown as a post would show it")
    Map<String, String> preview(Actor actor, @RequestBody Preview body) {
        return Map.of("html", posts.preview(body.body()));
    }
}
