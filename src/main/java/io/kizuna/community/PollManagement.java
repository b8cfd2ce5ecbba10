package io.kizuna.community;

import io.kizuna.community.Views.PollOption;
import io.kizuna.community.Views.PollView;
import io.kizuna.community.internal.Polls;
import io.kizuna.community.internal.PollWriter;
import io.kizuna.community.internal.Polls.PollRow;
import io.kizuna.community.internal.Threads.ThreadRow;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Polls inside threads: single or multiple choice, an optional closing time, results after voting or after close. */
@Service
public class PollManagement {
    /** A poll as asked for; {@code closesAt} is ISO-8601, with an offset or else in Japan time (what a form sends). */
    public record NewPoll(String question, List<String> options, Boolean multiple, String closesAt) {}

    private final ThreadManagement threadManagement;
    private final Polls polls;
    private final CommunityPolicy policy;
    private final PollWriter pollWriter;
    private final io.kizuna.moderation.ContentGate gate;

    PollManagement(ThreadManagement threadManagement, Polls polls, PollWriter pollWriter, CommunityPolicy policy,
                   io.kizuna.moderation.ContentGate gate) {
        this.gate = gate;
        this.threadManagement = threadManagement;
        this.polls = polls;
        this.pollWriter = pollWriter;
        this.policy = policy;
    }

    /** Adds a poll to a thread (its author or staff); a thread has at most one. */
    @Transactional
    public PollView create(Actor actor, String threadId, NewPoll poll) {
        var thread = threadManagement.require(Optional.of(actor), threadId);
        if (!policy.canAddPoll(actor, new UserId(thread.authorId()))) throw new ForbiddenException("Only the thread's author or staff add a poll.");
        gate.requireMayWrite(actor, io.kizuna.moderation.ContentGate.Surface.COMMUNITY);
        pollWriter.add(thread.id(), poll);
        return view(thread, Optional.of(actor));
    }

    public PollView view(Optional<Actor> actor, String threadId) {
        return view(threadManagement.require(actor, threadId), actor);
    }

    /** Casts the caller's ballot: one option, or several in a multiple-choice poll; once per member (409 after). */
    @Transactional
    public PollView vote(Actor actor, String threadId, List<String> optionIds) {
        var thread = threadManagement.require(Optional.of(actor), threadId);
        gate.requireMayWrite(actor, io.kizuna.moderation.ContentGate.Surface.COMMUNITY);
        var poll = requireOpen(thread);
        var known = polls.options(thread.id()).stream().map(Polls.OptionRow::id).toList();
        var chosen = parseChoices(optionIds, known, poll.multiple());
        if (!polls.vote(thread.id(), actor.id().value(), chosen)) throw new ConflictException("already-voted", "You have already voted in this poll.");
        return view(thread, Optional.of(actor));
    }

    /** Takes the caller's ballot back while the poll is open, so they can vote again. */
    @Transactional
    public PollView retract(Actor actor, String threadId) {
        var thread = threadManagement.require(Optional.of(actor), threadId);
        gate.requireMayWrite(actor, io.kizuna.moderation.ContentGate.Surface.COMMUNITY);
        requireOpen(thread);
        polls.retract(thread.id(), actor.id().value());
        return view(thread, Optional.of(actor));
    }

    private PollRow requireOpen(ThreadRow thread) {
        var poll = polls.find(thread.id()).orElseThrow(() -> new NotFoundException("This thread has no poll."));
        if (isClosed(poll)) throw new ConflictException("poll-closed", "This poll has closed.");
        return poll;
    }

    private PollView view(ThreadRow thread, Optional<Actor> actor) {
        var poll = polls.find(thread.id()).orElseThrow(() -> new NotFoundException("This thread has no poll."));
        var choices = actor.map(a -> polls.choices(thread.id(), a.id().value())).orElse(List.of());
        boolean closed = isClosed(poll);
        boolean results = closed || !choices.isEmpty();
        var options = polls.options(thread.id()).stream()
            .map(o -> new PollOption(Long.toString(o.id()), o.label(), results ? o.votes() : null,
                results ? percent(o.votes(), poll.voters()) : null))
            .toList();
        return new PollView(Long.toString(thread.id()), poll.question(), poll.multiple(), poll.closesAt(), closed, results,
            results ? poll.voters() : null, choices.stream().map(String::valueOf).toList(), options);
    }

    private boolean isClosed(PollRow poll) {
        return poll.closesAt() != null && !poll.closesAt().toInstant().isAfter(Instant.now());
    }

    /** Share of voters who chose an option (in a multiple-choice poll the shares add up to more than 100). */
    private static int percent(int votes, int voters) {
        return voters == 0 ? 0 : Math.round(votes * 100f / voters);
    }

    private static List<Long> parseChoices(List<String> optionIds, List<Long> known, boolean multiple) {
        if (optionIds == null || optionIds.isEmpty()) throw new InvalidInputException("optionIds", "validation.required");
        if (!multiple && optionIds.size() > 1) throw new InvalidInputException("optionIds", "validation.poll.singleChoice");
        var chosen = new java.util.ArrayList<Long>();
        for (var id : optionIds) {
            Long parsed = null;
            try {
                parsed = id == null ? null : Long.parseLong(id.strip());
            } catch (NumberFormatException e) {
                // reported below as an unknown option
            }
            if (parsed == null || !known.contains(parsed)) throw new InvalidInputException("optionIds", "validation.poll.unknownOption");
            if (chosen.contains(parsed)) throw new InvalidInputException("optionIds", "validation.poll.duplicateChoice");
            chosen.add(parsed);
        }
        return chosen;
    }
}
