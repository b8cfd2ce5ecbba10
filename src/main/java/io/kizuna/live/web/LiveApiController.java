package io.kizuna.live.web;

import io.kizuna.live.ChatManagement;
import io.kizuna.live.ChatManagement.NewMessage;
import io.kizuna.live.LiveManagement;
import io.kizuna.live.LiveManagement.NewShow;
import io.kizuna.live.LiveReports;
import io.kizuna.live.LiveShopping;
import io.kizuna.live.Views.MessageView;
import io.kizuna.live.Views.QuestionView;
import io.kizuna.live.Views.Report;
import io.kizuna.live.Views.ShowView;
import io.kizuna.live.internal.LiveHub;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.store.Checkout;
import io.kizuna.store.OrderManagement.NewOrder;
import io.kizuna.store.Views.OrderView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The live commerce API of API.md, plus what the show pages use: lists, chat moderation, questions, shopping, reminders. */
@RestController
@RequestMapping("/api/v1/live-sessions")
@Tag(name = "Live commerce")
class LiveApiController {
    private final LiveManagement live;
    private final ChatManagement chat;
    private final LiveShopping shopping;
    private final LiveReports reports;
    private final LiveHub hub;
    private final MessageSource messages;

    LiveApiController(LiveManagement live, ChatManagement chat, LiveShopping shopping, LiveReports reports, LiveHub hub, MessageSource messages) {
        this.live = live;
        this.chat = chat;
        this.shopping = shopping;
        this.reports = reports;
        this.hub = hub;
        this.messages = messages;
    }

    record PinRequest(String sku) {}

    record SlowModeRequest(Integer seconds) {}

    record ReactionRequest(String type) {}

    /** The store's final confirmation figures, with its payment, delivery and cancellation texts in the caller's language. */
    record ShowQuote(Checkout.Quote quote, String paymentMethod, String paymentTiming, String deliveryTiming, String cancellationTerms) {}

    @PostMapping
    @Operation(summary = "Create a show (staff)", description = "startsAt ISO-8601; streamUrl: a YouTube or Vimeo link, or an HTTPS .m3u8/.mp4/.webm; "
        + "skus: the store SKUs shown in it; visibility public (default) or members")
    ResponseEntity<ShowView> create(Actor actor, @RequestBody NewShow body) {
        var show = live.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/live-sessions/" + show.id())).body(show);
    }

    @GetMapping
    @Operation(summary = "Shows the caller may see", description = "state: scheduled (soonest first), live or ended (newest first); all when absent")
    Page<ShowView> list(Optional<Actor> actor, @RequestParam(required = false) String state, @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String cursor) {
        return live.list(actor, state, PageRequest.of(limit, cursor));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One show, with its products and their stock now")
    ShowView show(Optional<Actor> actor, @PathVariable String id) {
        return live.view(actor, id);
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Start a scheduled show (staff); reminders are mailed")
    ShowView start(Actor actor, @PathVariable String id) {
        return live.start(actor, id);
    }

    @PostMapping("/{id}/end")
    @Operation(summary = "End a live show (staff); its page becomes the replay")
    ShowView end(Actor actor, @PathVariable String id) {
        return live.end(actor, id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events of the show",
        description = "Events: message (chat, question, answer), delete {id}, answered {id}, pin {sku, product}, stock {sku, stock}, "
            + "viewers {count}, state {state, startedAt, endedAt, slowModeSeconds}, reaction {heart, clap, laugh, wow: counts of the "
            + "last second}. Logged events carry an id; on connect the history is sent (after Last-Event-ID, or the header's value as "
            + "?lastEventId=, when it is one of the show's; the whole recent history otherwise), then the current state, pin, stock and viewers.")
    void events(Optional<Actor> actor, @PathVariable String id,
                @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
                @Parameter(description = "an anonymous browser's random key, to count unique viewers") @RequestParam(name = "v", required = false) String viewerKey,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        var show = live.view(actor, id);
        hub.open(show, actor, lastEventId != null ? lastEventId : lastEventIdParam, viewerKey, request, response);
    }

    @PostMapping("/{id}/messages")
    @Operation(summary = "Post a chat message, question or answer (members; rate limited)",
        description = "kind: chat (default), question, answer (replyTo: a question's id). 1 to 500 characters, plain text. "
            + "409 when the show is not live; 403 muted or suspended; 429 with Retry-After for slow mode and flooding")
    ResponseEntity<MessageView> post(Actor actor, @PathVariable String id, @RequestBody NewMessage body) {
        var message = chat.post(actor, id, body);
        return ResponseEntity.status(201).body(message);
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "The show's messages, oldest first (the replay's chat)", description = "kind: chat, question or answer")
    Page<MessageView> messages(Optional<Actor> actor, @PathVariable String id, @RequestParam(required = false) String kind,
                               @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return chat.messages(actor, id, kind, PageRequest.of(limit, cursor));
    }

    @DeleteMapping("/{id}/messages/{messageId}")
    @Operation(summary = "Delete a message for everyone (staff; members their own)")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id, @PathVariable String messageId) {
        chat.delete(actor, id, messageId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/messages/{messageId}/answered")
    @Operation(summary = "Mark a question answered (staff)")
    MessageView answered(Actor actor, @PathVariable String id, @PathVariable String messageId) {
        return chat.markAnswered(actor, id, messageId);
    }

    @GetMapping("/{id}/questions")
    @Operation(summary = "Questions with their answers", description = "status: open or answered; both when absent")
    Page<QuestionView> questions(Optional<Actor> actor, @PathVariable String id, @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return chat.questions(actor, id, status, PageRequest.of(limit, cursor));
    }

    @PostMapping("/{id}/pins")
    @Operation(summary = "Pin one of the show's products (staff); 422 for a SKU that is not in the show")
    ShowView pin(Actor actor, @PathVariable String id, @RequestBody PinRequest body) {
        if (body.sku() == null || body.sku().isBlank()) throw new io.kizuna.shared.InvalidInputException("sku", "validation.required");
        return live.pin(actor, id, body.sku());
    }

    @DeleteMapping("/{id}/pins")
    @Operation(summary = "Unpin the product (staff)")
    ShowView unpin(Actor actor, @PathVariable String id) {
        return live.pin(actor, id, null);
    }

    @PutMapping("/{id}/slow-mode")
    @Operation(summary = "Slow mode (staff): members may post once per {seconds} (0 to 3600; 0 turns it off)")
    ShowView slowMode(Actor actor, @PathVariable String id, @RequestBody SlowModeRequest body) {
        return live.slowMode(actor, id, body.seconds());
    }

    @PutMapping("/{id}/mutes/{userId}")
    @Operation(summary = "Mute a member in this show (staff)")
    ResponseEntity<Void> mute(Actor actor, @PathVariable String id, @PathVariable String userId) {
        chat.mute(actor, id, userId, true);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/mutes/{userId}")
    @Operation(summary = "Lift a mute (staff)")
    ResponseEntity<Void> unmute(Actor actor, @PathVariable String id, @PathVariable String userId) {
        chat.mute(actor, id, userId, false);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/reactions")
    @Operation(summary = "React (members, while live): type heart, clap, laugh or wow; sent to listeners summed per second")
    ResponseEntity<Void> react(Actor actor, @PathVariable String id, @RequestBody ReactionRequest body) {
        chat.react(actor, id, body.type());
        return ResponseEntity.accepted().build();
    }

    @PutMapping("/{id}/reminder")
    @Operation(summary = "Remind me: mail the caller when the show starts")
    ShowView remind(Actor actor, @PathVariable String id) {
        return live.remind(actor, id, true);
    }

    @DeleteMapping("/{id}/reminder")
    @Operation(summary = "No reminder after all")
    ShowView forget(Actor actor, @PathVariable String id) {
        return live.remind(actor, id, false);
    }

    @PostMapping("/{id}/checkout/quote")
    @Operation(summary = "Price an order of the show's products for the final confirmation step; nothing is written",
        description = "The body of POST /api/v1/orders")
    ShowQuote quote(Actor actor, @PathVariable String id, @RequestBody NewOrder body, Locale locale) {
        var quote = shopping.quote(actor, id, body);
        String method = body.paymentMethod();
        return new ShowQuote(quote, text("store.method." + method, locale), text("store.timing." + method, locale, quote.paymentDays()),
            text("store.deliveryTiming", locale), text("store.cancellationTerms", locale));
    }

    @PostMapping("/{id}/orders")
    @Operation(summary = "Place an order from the show (the store's checkout; counted in the show's report)",
        description = "The body of POST /api/v1/orders; only the show's products; Idempotency-Key as there")
    ResponseEntity<OrderView> order(Actor actor, @PathVariable String id, @RequestBody NewOrder body,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        var placed = shopping.place(actor, id, body, key);
        return ResponseEntity.status(placed.status()).location(URI.create("/api/v1/orders/" + placed.order().id())).body(placed.order());
    }

    @GetMapping("/{id}/report")
    @Operation(summary = "The show's report (staff)", description = "peakViewers, messages, questions, questionsAnswered, orders, revenue; "
        + "plus uniqueViewers, buyers, conversion (buyers / unique viewers), reactions and per-minute series")
    Report report(Actor actor, @PathVariable String id) {
        return reports.report(actor, id);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
