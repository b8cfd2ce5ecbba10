package io.kizuna.live;

import io.kizuna.live.Views.ShowProduct;
import io.kizuna.live.Views.ShowView;
import io.kizuna.live.internal.EventLog;
import io.kizuna.live.internal.LiveHub;
import io.kizuna.live.internal.Payloads;
import io.kizuna.live.internal.Reminders;
import io.kizuna.live.internal.Shows;
import io.kizuna.live.internal.Shows.ShowRow;
import io.kizuna.live.internal.StreamUrls;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.store.CatalogManagement;
import io.kizuna.store.StorePolicy;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Live shows: staff create them (title, start time, stream, products), start and end them, pin a product and set slow
 * mode; everyone who may see a show reads it, and members ask to be reminded when it starts. Each change that
 * listeners must see is appended to the show's event log in the same transaction.
 */
@Service
public class LiveManagement {
    /** A new show; {@code startsAt} is ISO-8601 (without an offset: Japan time); {@code visibility} public (default) or members. */
    public record NewShow(String title, String description, String startsAt, String streamUrl, List<String> skus, String visibility) {
        public NewShow(String title, String startsAt, String streamUrl, List<String> skus) {
            this(title, null, startsAt, streamUrl, skus, null);
        }
    }

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 5_000;
    public static final int MAX_SKUS = 20;
    public static final int MAX_SLOW_MODE = 3_600;
    private static final Set<String> STATES = Set.of("scheduled", "live", "ended");

    private final Shows shows;
    private final EventLog log;
    private final Payloads payloads;
    private final LiveHub hub;
    private final Reminders reminders;
    private final LivePolicy policy;
    private final CatalogManagement catalog;
    private final StorePolicy storePolicy;

    LiveManagement(Shows shows, EventLog log, Payloads payloads, LiveHub hub, Reminders reminders, LivePolicy policy,
                   CatalogManagement catalog, StorePolicy storePolicy) {
        this.shows = shows;
        this.log = log;
        this.payloads = payloads;
        this.hub = hub;
        this.reminders = reminders;
        this.policy = policy;
        this.catalog = catalog;
        this.storePolicy = storePolicy;
    }

    @Transactional
    public ShowView create(Actor actor, NewShow form) {
        requireHost(actor);
        var problems = new ArrayList<FieldProblem>();
        String title = text(problems, "title", form.title(), MAX_TITLE, true);
        String description = text(problems, "description", form.description(), MAX_DESCRIPTION, false);
        var startsAt = time(problems, "startsAt", form.startsAt());
        if (StreamUrls.embed(form.streamUrl()).isEmpty()) {
            problems.add(new FieldProblem("streamUrl", form.streamUrl() == null || form.streamUrl().isBlank() ? "validation.required" : "live.validation.streamUrl"));
        }
        String visibility = form.visibility() == null || form.visibility().isBlank() ? "public" : form.visibility();
        if (!visibility.equals("public") && !visibility.equals("members")) problems.add(new FieldProblem("visibility", "validation.unknownValue"));
        var skus = form.skus() == null ? List.<String>of() : form.skus();
        if (skus.size() > MAX_SKUS) problems.add(new FieldProblem("skus", "validation.tooLong"));
        var known = catalog.skus(skus.stream().filter(s -> s != null).toList());
        var seen = new LinkedHashSet<String>();
        for (int i = 0; i < skus.size(); i++) {
            String sku = skus.get(i);
            boolean exists = known.stream().anyMatch(k -> k.sku().equals(sku) && k.active());
            if (sku == null || !exists) problems.add(new FieldProblem("skus[" + i + "]", "live.validation.unknownSku"));
            else if (!seen.add(sku)) problems.add(new FieldProblem("skus[" + i + "]", "live.validation.duplicateSku"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        long id = shows.insert(title, description, form.streamUrl().strip(), visibility, startsAt, List.copyOf(seen), actor.id().value());
        return view(Optional.of(actor), shows.find(id).orElseThrow());
    }

    /** One show; 404 when there is none the caller may see. */
    public ShowView view(Optional<Actor> actor, String showId) {
        return view(actor, require(actor, showId));
    }

    /** Shows the caller may see: {@code state} scheduled (soonest first), live or ended (newest first), or all. */
    public Page<ShowView> list(Optional<Actor> actor, String state, PageRequest page) {
        if (state != null && !state.isBlank() && !STATES.contains(state)) throw new InvalidInputException("state", "validation.unknownValue");
        String s = state == null || state.isBlank() ? null : state;
        OffsetDateTime afterStart = null;
        Long afterId = null;
        if (!page.isFirst()) {
            afterStart = page.afterTime(0);
            afterId = page.afterLong(1);
        }
        var rows = shows.page(s, actor.isPresent(), afterStart, afterId, page.limit() + 1);
        var result = Page.fromOverfetch(rows, page.limit(), r -> PageRequest.encode(r.startsAt(), r.id()));
        var skus = shows.skus(result.items().stream().map(ShowRow::id).toList());
        return result.map(r -> view(actor, r, skus.getOrDefault(r.id(), List.of()), false));
    }

    @Transactional
    public ShowView start(Actor actor, String showId) {
        requireHost(actor);
        var show = lock(actor, showId);
        if (!show.state().equals("scheduled")) throw new ConflictException("not-scheduled", "Only a scheduled show can start.");
        shows.setState(show.id(), "live");
        reminders.due(show.id());
        return changed(actor, show.id(), "state");
    }

    @Transactional
    public ShowView end(Actor actor, String showId) {
        requireHost(actor);
        var show = lock(actor, showId);
        if (!show.live()) throw new ConflictException("not-live", "Only a live show can end.");
        shows.setState(show.id(), "ended");
        return changed(actor, show.id(), "state");
    }

    /** Pins one of the show's products (a null SKU unpins); 422 for a SKU that is not in the show. */
    @Transactional
    public ShowView pin(Actor actor, String showId, String sku) {
        requireHost(actor);
        var show = lock(actor, showId);
        if (show.state().equals("ended")) throw new ConflictException("show-ended", "The show has ended.");
        if (sku != null && !shows.skus(show.id()).contains(sku)) {
            throw new RuleRefusedException("sku-not-in-show", "Only the show's own products can be pinned.");
        }
        shows.pin(show.id(), sku);
        return changed(actor, show.id(), "pin");
    }

    /** Slow mode: each member may post once per {@code seconds} (0 turns it off); staff are not slowed. */
    @Transactional
    public ShowView slowMode(Actor actor, String showId, Integer seconds) {
        requireHost(actor);
        if (seconds == null) throw new InvalidInputException("seconds", "validation.required");
        if (seconds < 0 || seconds > MAX_SLOW_MODE) throw new InvalidInputException("seconds", "live.validation.slowMode");
        var show = lock(actor, showId);
        if (show.state().equals("ended")) throw new ConflictException("show-ended", "The show has ended.");
        shows.slowMode(show.id(), seconds);
        return changed(actor, show.id(), "state");
    }

    /** "Remind me": the member is mailed when the show starts; only before it starts (409 after). */
    @Transactional
    public ShowView remind(Actor actor, String showId, boolean remind) {
        var show = require(Optional.of(actor), showId);
        if (!show.state().equals("scheduled")) throw new ConflictException("not-scheduled", "The show has already started.");
        if (remind) reminders.add(show.id(), actor.id().value());
        else reminders.remove(show.id(), actor.id().value());
        return view(Optional.of(actor), show);
    }

    /** 403 unless the actor hosts shows. */
    public void requireHost(Actor actor) {
        if (!policy.canHost(actor)) throw new ForbiddenException("Only staff host live shows.");
    }

    private ShowView changed(Actor actor, long id, String kind) {
        var view = view(Optional.of(actor), shows.find(id).orElseThrow());
        log.append(id, kind, kind.equals("pin") ? payloads.pin(view) : payloads.state(view), false);
        hub.wakeAfterCommit(id);
        return view;
    }

    ShowRow require(Optional<Actor> actor, String showId) {
        var show = shows.find(parseId(showId)).orElseThrow(() -> new NotFoundException("No such show."));
        if (!policy.canSee(actor, show.visibility())) throw new NotFoundException("No such show.");
        return show;
    }

    private ShowRow lock(Actor actor, String showId) {
        require(Optional.of(actor), showId);
        return shows.lock(parseId(showId)).orElseThrow();
    }

    static long parseId(String id) {
        try {
            long v = Long.parseLong(id);
            if (v > 0) return v;
        } catch (NumberFormatException | NullPointerException e) {
            // fall through
        }
        throw new NotFoundException("No such show.");
    }

    private ShowView view(Optional<Actor> actor, ShowRow r) {
        boolean reminded = actor.isPresent() && r.state().equals("scheduled") && reminders.has(r.id(), actor.get().id().value());
        return view(actor, r, shows.skus(r.id()), reminded);
    }

    private ShowView view(Optional<Actor> actor, ShowRow r, List<String> skus, boolean reminded) {
        var products = catalog.skus(skus).stream()
            .filter(s -> storePolicy.canSeeProduct(actor, s.visibility(), s.active()))
            .map(s -> new ShowProduct(s.sku(), s.productSlug(), s.productName(), s.variantName(), s.price(), s.memberPrice(), s.stock(), s.image()))
            .toList();
        return new ShowView(Long.toString(r.id()), r.title(), r.description(), r.state(), r.visibility(), r.startsAt(), r.startedAt(),
            r.endedAt(), r.streamUrl(), StreamUrls.embed(r.streamUrl()).orElse(null), skus, products, r.pinnedSku(), r.slowModeSeconds(),
            r.live() ? hub.viewers(r.id()) : 0, reminded);
    }

    private static String text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() && required) problems.add(new FieldProblem(field, "validation.required"));
        else if (v.codePointCount(0, v.length()) > max) problems.add(new FieldProblem(field, "validation.tooLong"));
        return v;
    }

    private static OffsetDateTime time(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "validation.required"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value.strip()).atZone(ZoneId.of("Asia/Tokyo")).toOffsetDateTime();
            } catch (DateTimeParseException again) {
                problems.add(new FieldProblem(field, "validation.invalidTime"));
                return null;
            }
        }
    }

    /** For the demo seeder: sets a show's start and end times as if it had run then. */
    @Transactional
    public void backdate(long showId, OffsetDateTime startedAt, OffsetDateTime endedAt) {
        shows.times(showId, startedAt, endedAt);
    }

}
