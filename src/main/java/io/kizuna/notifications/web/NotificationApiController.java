package io.kizuna.notifications.web;

import io.kizuna.notifications.NotificationManagement;
import io.kizuna.notifications.Views.Following;
import io.kizuna.notifications.Views.NotificationView;
import io.kizuna.notifications.Views.Settings;
import io.kizuna.notifications.internal.LiveUnread;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Notifications, follows and mail settings for the signed-in member. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Notifications")
class NotificationApiController {
    private final NotificationManagement notifications;
    private final LiveUnread live;

    NotificationApiController(NotificationManagement notifications, LiveUnread live) {
        this.notifications = notifications;
        this.live = live;
    }

    record ReadRequest(List<String> ids) {}

    @GetMapping("/me/notifications")
    @Operation(summary = "The caller's notifications, newest first", description = "kind: reply, new_thread, mention, accepted")
    Page<NotificationView> list(Actor actor, @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return notifications.list(actor, PageRequest.of(limit, cursor));
    }

    @GetMapping("/me/notifications/unread-count")
    @Operation(summary = "How many notifications are unread (up to 100)")
    Map<String, Integer> unread(Actor actor) {
        return Map.of("count", notifications.unreadCount(actor));
    }

    @GetMapping(path = "/me/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events: `unread` with {count} now and at every change")
    SseEmitter stream(Actor actor) {
        return live.open(actor.id().value());
    }

    @PostMapping("/me/notifications/read")
    @Operation(summary = "Mark notifications read", description = "{ids: [...]}; without ids, all of them")
    Map<String, Integer> read(Actor actor, @RequestBody(required = false) ReadRequest body) {
        return Map.of("unread", notifications.markRead(actor, body == null ? null : body.ids()));
    }

    @GetMapping("/me/notification-settings")
    @Operation(summary = "Mail settings", description = "emailMentions (mentions, accepted answers) and emailActivity (replies, new threads): instant, daily or off")
    Settings settings(Actor actor) {
        return notifications.settings(actor);
    }

    @PutMapping("/me/notification-settings")
    @Operation(summary = "Change mail settings")
    Settings updateSettings(Actor actor, @RequestBody Settings body) {
        return notifications.updateSettings(actor, body);
    }

    @GetMapping("/threads/{id}/follow")
    @Operation(summary = "Whether the caller follows the thread")
    Following followsThread(Actor actor, @PathVariable String id) {
        return notifications.followsThread(actor, id);
    }

    @PutMapping("/threads/{id}/follow")
    @Operation(summary = "Follow a thread (posting in it follows it too)")
    Following followThread(Actor actor, @PathVariable String id) {
        return notifications.followThread(actor, id, true);
    }

    @DeleteMapping("/threads/{id}/follow")
    @Operation(summary = "Stop following a thread")
    Following unfollowThread(Actor actor, @PathVariable String id) {
        return notifications.followThread(actor, id, false);
    }

    @GetMapping("/spaces/{slug}/follow")
    @Operation(summary = "Whether the caller follows the space")
    Following followsSpace(Actor actor, @PathVariable String slug) {
        return notifications.followsSpace(actor, slug);
    }

    @PutMapping("/spaces/{slug}/follow")
    @Operation(summary = "Follow a space: hear about each new thread in it")
    Following followSpace(Actor actor, @PathVariable String slug) {
        return notifications.followSpace(actor, slug, true);
    }

    @DeleteMapping("/spaces/{slug}/follow")
    @Operation(summary = "Stop following a space")
    Following unfollowSpace(Actor actor, @PathVariable String slug) {
        return notifications.followSpace(actor, slug, false);
    }
}
