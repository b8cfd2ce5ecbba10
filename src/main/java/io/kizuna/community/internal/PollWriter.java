package io.kizuna.community.internal;

import io.kizuna.community.PollManagement.NewPoll;
import io.kizuna.shared.ConflictException;
import io.kizuna.platform.ReadCache;
import io.kizuna.shared.InvalidInputException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/** Checks and stores a new poll; shared by "add a poll" and "start a thread with a poll" so both refuse the same input. */
@Component
public class PollWriter {
    public static final int MIN_OPTIONS = 2;
    public static final int MAX_OPTIONS = 20;
    public static final int MAX_OPTION_LABEL = 100;
    /** How far ahead a poll may close: a time past PostgreSQL's range would be a 500, and no poll needs longer. */
    public static final int MAX_YEARS_OPEN = 5;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Threads threads;
    private final Polls polls;
    private final ReadCache cache;

    PollWriter(Threads threads, Polls polls, ReadCache cache) {
        this.threads = threads;
        this.polls = polls;
        this.cache = cache;
    }

    /** Throws {@link InvalidInputException} for bad input, before anything is written. */
    public OffsetDateTime validate(NewPoll poll) {
        var rules = ContentRules.check();
        if (poll == null) throw new InvalidInputException("poll", "validation.required");
        rules.text("poll.question", poll.question(), ContentRules.MAX_TITLE);
        var options = poll.options() == null ? List.<String>of() : poll.options();
        if (options.size() < MIN_OPTIONS) rules.add("poll.options", "validation.poll.tooFewOptions");
        else if (options.size() > MAX_OPTIONS) rules.add("poll.options", "validation.poll.tooManyOptions");
        else {
            var seen = new HashSet<String>();
            for (var option : options) {
                rules.text("poll.options", option, MAX_OPTION_LABEL);
                if (option != null && !seen.add(option.strip())) rules.add("poll.options", "validation.poll.duplicateOption");
            }
        }
        OffsetDateTime closesAt = null;
        if (poll.closesAt() != null && !poll.closesAt().isBlank()) {
            closesAt = parseTime(poll.closesAt().strip());
            if (closesAt == null) rules.add("poll.closesAt", "validation.invalidTime");
            else if (!closesAt.toInstant().isAfter(Instant.now())) rules.add("poll.closesAt", "validation.poll.closesInPast");
            else if (closesAt.isAfter(OffsetDateTime.now().plusYears(MAX_YEARS_OPEN))) rules.add("poll.closesAt", "validation.poll.closesTooLate");
        }
        rules.orThrow();
        return closesAt;
    }

    private static OffsetDateTime parseTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atZone(JAPAN).toOffsetDateTime();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** Stores the poll in the caller's transaction; 409 when the thread already has one. */
    public void add(long threadId, NewPoll poll) {
        var closesAt = validate(poll);
        threads.lock(threadId);
        if (polls.find(threadId).isPresent()) throw new ConflictException("poll-exists", "This thread already has a poll.");
        polls.insert(threadId, poll.question().strip(), Boolean.TRUE.equals(poll.multiple()), closesAt,
            poll.options().stream().map(String::strip).toList());
        cache.changed(ReadCache.THREAD, threadId);
    }
}
