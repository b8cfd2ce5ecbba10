package io.kizuna.live;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.live.Views.Author;
import io.kizuna.live.Views.MessageView;
import io.kizuna.live.Views.QuestionView;
import io.kizuna.live.internal.EventLog;
import io.kizuna.live.internal.LiveHub;
import io.kizuna.live.internal.Messages;
import io.kizuna.live.internal.Messages.MessageRow;
import io.kizuna.live.internal.Payloads;
import io.kizuna.live.internal.Shows.ShowRow;
import io.kizuna.moderation.ContentGate;
import io.kizuna.platform.RateLimiter;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RateLimitedException;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The show's chat: members post chat lines, questions and answers (plain text, 1 to 500 characters) while the show is
 * live, through the content gate (suspension, banned words, flooding), slow mode and mutes; staff delete messages for
 * everyone, mute members and mark questions answered. Everything listeners must see goes into the show's event log.
 */
@Service
public class ChatManagement {
    public record NewMessage(String body, String kind, String replyTo) {}

    public static final int MAX_BODY = 500;
    public static final String TARGET_TYPE = "live-message";
    private static final Set<String> KINDS = Set.of("chat", "question", "answer");
    /** The reactions a listener can send, in the order the page shows them. */
    public static final List<String> REACTIONS = List.of("heart", "clap", "laugh", "wow");

    private final LiveManagement live;
    private final Messages messages;
    private final EventLog log;
    private final Payloads payloads;
    private final LiveHub hub;
    private final LivePolicy policy;
    private final ContentGate gate;
    private final RateLimiter limiter;
    private final IdentityManagement identity;
    private final int perMinute;

    ChatManagement(LiveManagement live, Messages messages, EventLog log, Payloads payloads, LiveHub hub, LivePolicy policy, ContentGate gate,
                   RateLimiter limiter, IdentityManagement identity, @Value("${kizuna.live.messages-per-minute:30}") int perMinute) {
        this.live = live;
        this.messages = messages;
        this.log = log;
        this.payloads = payloads;
        this.hub = hub;
        this.policy = policy;
        this.gate = gate;
        this.limiter = limiter;
        this.identity = identity;
        this.perMinute = perMinute;
    }

    @Transactional
    public MessageView post(Actor actor, String showId, NewMessage form) {
        String kind = form.kind() == null || form.kind().isBlank() ? "chat" : form.kind();
        String body = form.body() == null ? "" : form.body().strip();
        if (body.isEmpty()) throw new InvalidInputException("body", "validation.required");
        if (body.codePointCount(0, body.length()) > MAX_BODY) throw new InvalidInputException("body", "validation.tooLong");
        if (!KINDS.contains(kind)) throw new InvalidInputException("kind", "validation.unknownValue");
        var show = live.require(Optional.of(actor), showId);
        Long replyTo = null;
        if (kind.equals("answer")) {
            var question = question(show, form.replyTo()).orElseThrow(() -> new InvalidInputException("replyTo", "live.validation.replyTo"));
            replyTo = question.id();
        }
        requireLive(show);
        if (!policy.canPost(actor, messages.muted(show.id(), actor.id().value()))) {
            throw new ForbiddenException("muted", "You have been muted in this show.");
        }
        var screening = gate.screen(actor, ContentGate.Surface.LIVE_CHAT, body);
        if (!policy.skipsSlowMode(actor)) {
            limiter.acquire("live.chat", actor.id().toString(), perMinute, Duration.ofMinutes(1));
            if (show.slowModeSeconds() > 0) {
                long wait = messages.claimTurn(show.id(), actor.id().value(), show.slowModeSeconds());
                if (wait > 0) throw new RateLimitedException("Slow mode: wait " + wait + " seconds between messages.", wait);
            }
        }
        boolean held = screening == ContentGate.Screening.HOLD;
        var row = messages.insert(show.id(), actor.id().value(), actor.isStaff(), kind, body, replyTo, held ? "held" : "published");
        var view = view(show, row, new Author(actor.id().toString(), actor.displayName(), actor.isStaff()));
        if (held) {
            gate.held(TARGET_TYPE, Long.toString(row.id()));
            return view;
        }
        long seq = log.append(show.id(), "message", payloads.message(view), true)
            .orElseThrow(() -> new ConflictException("show-ended", "The show has ended."));
        messages.eventSeq(row.id(), seq);
        hub.wakeAfterCommit(show.id());
        return view;
    }

    /** Deletes a message for everyone at once: staff any, members their own. */
    @Transactional
    public void delete(Actor actor, String showId, String messageId) {
        var show = live.require(Optional.of(actor), showId);
        var row = message(show, messageId, Optional.of(actor));
        if (!policy.canDelete(actor, row.authorId())) throw new ForbiddenException("Only staff delete other members' messages.");
        withdraw(show.id(), row, "deleted");
    }

    /** Moderation hides a reported message (gone for everyone) or restores it (sent again). */
    @Transactional
    public void setHidden(long messageId, boolean hidden) {
        messages.find(messageId).ifPresent(row -> {
            if (hidden && (row.published() || row.status().equals("held"))) withdraw(row.sessionId(), row, "hidden");
            if (!hidden && (row.status().equals("hidden") || row.status().equals("held"))) {
                messages.setStatus(row.id(), "published");
                var show = live.require(Optional.empty(), Long.toString(row.sessionId()));
                var names = identity.names(List.of(new UserId(row.authorId())));
                log.append(row.sessionId(), "message", payloads.message(view(show, row, author(row, names))), false)
                    .ifPresent(seq -> messages.eventSeq(row.id(), seq));
                hub.wakeAfterCommit(row.sessionId());
            }
        });
    }

    private void withdraw(long sessionId, MessageRow row, String status) {
        messages.setStatus(row.id(), status);
        if (row.eventSeq() == null) return;
        log.rewrite(sessionId, row.eventSeq(), "delete", payloads.deleted(row.id()));
        log.append(sessionId, "delete", payloads.deleted(row.id()), false);
        hub.wakeAfterCommit(sessionId);
    }

    /** The host marks a question answered; listeners see it move to the answered list. */
    @Transactional
    public MessageView markAnswered(Actor actor, String showId, String questionId) {
        var show = live.require(Optional.of(actor), showId);
        if (!policy.canMarkAnswered(actor)) throw new ForbiddenException("Only the host marks questions answered.");
        var row = message(show, questionId, Optional.of(actor));
        if (!row.kind().equals("question")) throw new RuleRefusedException("not-a-question", "Only questions can be marked answered.");
        if (messages.markAnswered(row.id())) {
            log.append(show.id(), "answered", payloads.answered(row.id()), false);
            hub.wakeAfterCommit(show.id());
        }
        return views(show, List.of(messages.find(row.id()).orElseThrow())).getFirst();
    }

    /** Mutes a member in this show (or lifts it): their messages are refused with 403 until then. Staff cannot be muted. */
    @Transactional
    public void mute(Actor actor, String showId, String userId, boolean mute) {
        var show = live.require(Optional.of(actor), showId);
        if (!policy.canMute(actor)) throw new ForbiddenException("Only staff mute members.");
        var target = identity.actor(UserId.parse(userId)).orElseThrow(() -> new NotFoundException("No such member."));
        if (target.isStaff()) throw new RuleRefusedException("cannot-mute-staff", "Staff cannot be muted.");
        messages.mute(show.id(), target.id().value(), mute ? actor.id().value() : null);
    }

    /** A reaction (heart, clap, laugh, wow) while the show is live; listeners get them summed per second. */
    public void react(Actor actor, String showId, String type) {
        if (type == null || !REACTIONS.contains(type)) throw new InvalidInputException("type", "validation.unknownValue");
        var show = live.require(Optional.of(actor), showId);
        requireLive(show);
        limiter.acquire("live.reaction", actor.id().toString(), 30, Duration.ofSeconds(10));
        hub.react(show.id(), type);
    }

    /** The show's messages oldest first (the replay's chat), with the caller's own held ones; {@code kind} narrows. */
    public Page<MessageView> messages(Optional<Actor> actor, String showId, String kind, PageRequest page) {
        if (kind != null && !kind.isBlank() && !KINDS.contains(kind)) throw new InvalidInputException("kind", "validation.unknownValue");
        var show = live.require(actor, showId);
        var rows = messages.page(show.id(), kind == null || kind.isBlank() ? null : kind, page.isFirst() ? 0 : page.afterLong(0),
            actor.map(a -> a.id().value()).orElse(0L), actor.map(Actor::isStaff).orElse(false), page.limit() + 1);
        var result = Page.fromOverfetch(rows, page.limit(), r -> PageRequest.encode(r.id()));
        return new Page<>(views(show, result.items()), result.nextCursor());
    }

    /** Questions with their answers, oldest first: {@code status} open, answered, or both. */
    public Page<QuestionView> questions(Optional<Actor> actor, String showId, String status, PageRequest page) {
        Boolean answered = status == null || status.isBlank() ? null : switch (status) {
            case "open" -> false;
            case "answered" -> true;
            default -> throw new InvalidInputException("status", "validation.unknownValue");
        };
        var show = live.require(actor, showId);
        var rows = messages.questions(show.id(), answered, page.isFirst() ? 0 : page.afterLong(0), page.limit() + 1);
        var result = Page.fromOverfetch(rows, page.limit(), r -> PageRequest.encode(r.id()));
        var answers = messages.answers(result.items().stream().map(MessageRow::id).toList());
        var all = views(show, java.util.stream.Stream.concat(result.items().stream(), answers.stream()).toList());
        var byId = all.stream().collect(Collectors.toMap(MessageView::id, m -> m));
        return new Page<>(result.items().stream().map(q -> new QuestionView(byId.get(Long.toString(q.id())),
            all.stream().filter(a -> Long.toString(q.id()).equals(a.replyTo())).toList())).toList(), result.nextCursor());
    }

    private static void requireLive(ShowRow show) {
        if (show.state().equals("ended")) throw new ConflictException("show-ended", "The show has ended.");
        if (!show.live()) throw new ConflictException("show-not-started", "The show has not started yet.");
    }

    private Optional<MessageRow> question(ShowRow show, String id) {
        try {
            return messages.find(Long.parseLong(id)).filter(m -> m.sessionId() == show.id() && m.kind().equals("question") && m.published());
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private MessageRow message(ShowRow show, String id, Optional<Actor> actor) {
        try {
            var row = messages.find(Long.parseLong(id)).filter(m -> m.sessionId() == show.id())
                .orElseThrow(() -> new NotFoundException("No such message."));
            if (!row.published() && !(row.status().equals("held") && policy.canSeeHeld(actor, row.authorId()))) {
                throw new NotFoundException("No such message.");
            }
            return row;
        } catch (NumberFormatException | NullPointerException e) {
            throw new NotFoundException("No such message.");
        }
    }

    List<MessageView> views(ShowRow show, List<MessageRow> rows) {
        var names = identity.names(rows.stream().map(r -> new UserId(r.authorId())).collect(Collectors.toSet()));
        return rows.stream().map(r -> view(show, r, author(r, names))).toList();
    }

    private static Author author(MessageRow r, Map<UserId, io.kizuna.identity.MemberName> names) {
        var name = names.get(new UserId(r.authorId()));
        return new Author(Long.toString(r.authorId()), name == null || name.erased() ? null : name.displayName(), r.byStaff());
    }

    private static MessageView view(ShowRow show, MessageRow r, Author author) {
        long offset = show.startedAt() == null ? 0 : Math.max(0, Duration.between(show.startedAt(), r.createdAt()).toSeconds());
        return new MessageView(Long.toString(r.id()), r.kind(), r.body(), author, r.replyTo() == null ? null : Long.toString(r.replyTo()),
            r.answeredAt() != null, r.status(), r.createdAt(), offset);
    }

    /** Whether the actor may see a message (for reports). */
    public boolean canSee(long messageId, Actor actor) {
        var row = messages.find(messageId);
        if (row.isEmpty()) return false;
        try {
            var show = live.require(Optional.of(actor), Long.toString(row.get().sessionId()));
            message(show, Long.toString(messageId), Optional.of(actor));
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
