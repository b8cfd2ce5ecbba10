package io.kizuna.moderation;

import io.kizuna.moderation.internal.AuditLog;
import io.kizuna.moderation.internal.OptionRows;
import io.kizuna.moderation.internal.OptionRows.OptionRow;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The trust-and-safety options owners and admins set (API and the settings page): the first-response target of the
 * queue, the weighted-flag count that holds content pending review, and the thresholds of the community-health views.
 * Every node reads them through a cache that follows a change within two seconds.
 */
@Service
public class ModerationOptions {

    /** The options in force; {@code flagHoldWeight} 0 switches holding by flags off. */
    public record Options(int firstResponseMinutes, int flagHoldWeight, double biasAlertShare, int biasMinMembers, int unansweredHours,
                          int quietDropPercent) {}

    /** A change as sent: a null field goes back to its default. */
    public record OptionsForm(Integer firstResponseMinutes, Integer flagHoldWeight, Double biasAlertShare, Integer biasMinMembers,
                              Integer unansweredHours, Integer quietDropPercent) {}

    private final OptionRows rows;
    private final AuditLog audit;
    private final ModerationPolicy policy;
    private final Options defaults;

    ModerationOptions(OptionRows rows, AuditLog audit, ModerationPolicy policy,
                      @Value("${kizuna.moderation.first-response-minutes:60}") int firstResponseMinutes,
                      @Value("${kizuna.moderation.flag-hold-weight:5}") int flagHoldWeight) {
        this.rows = rows;
        this.audit = audit;
        this.policy = policy;
        this.defaults = new Options(firstResponseMinutes, flagHoldWeight, 0.8, 10, 24, 30);
    }

    public Options defaults() {
        return defaults;
    }

    public Options current() {
        return options(rows.current());
    }

    private Options options(OptionRow r) {
        return new Options(or(r.firstResponseMinutes(), defaults.firstResponseMinutes()), or(r.flagHoldWeight(), defaults.flagHoldWeight()),
            r.biasAlertShare() == null ? defaults.biasAlertShare() : r.biasAlertShare(), or(r.biasMinMembers(), defaults.biasMinMembers()),
            or(r.unansweredHours(), defaults.unansweredHours()), or(r.quietDropPercent(), defaults.quietDropPercent()));
    }

    /** The options for staff to read (global moderators and up). */
    public Options read(Actor actor) {
        policy.requireReadSettings(actor);
        return current();
    }

    @Transactional
    public Options save(Actor actor, OptionsForm form) {
        policy.requireConfigure(actor);
        var problems = new ArrayList<FieldProblem>();
        range(problems, "firstResponseMinutes", form.firstResponseMinutes(), 1, 10080);
        range(problems, "flagHoldWeight", form.flagHoldWeight(), 0, 1000);
        if (form.biasAlertShare() != null && !(form.biasAlertShare() > 0 && form.biasAlertShare() <= 1)) {
            problems.add(new FieldProblem("biasAlertShare", "moderation.validation.share"));
        }
        range(problems, "biasMinMembers", form.biasMinMembers(), 1, 100000);
        range(problems, "unansweredHours", form.unansweredHours(), 1, 8760);
        range(problems, "quietDropPercent", form.quietDropPercent(), 1, 100);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Double share = form.biasAlertShare() == null ? null : Math.round(form.biasAlertShare() * 1000) / 1000.0;
        var row = new OptionRow(form.firstResponseMinutes(), form.flagHoldWeight(), share, form.biasMinMembers(), form.unansweredHours(),
            form.quietDropPercent());
        rows.save(row, actor.id().value());
        var now = options(row);
        audit.record(actor.id().value(), "options.save", null, "options", "moderation", null, null, now.toString());
        return now;
    }

    private static void range(ArrayList<FieldProblem> problems, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) problems.add(new FieldProblem(field, "moderation.validation.range"));
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
