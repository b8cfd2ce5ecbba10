package io.kizuna.reviews.internal;

import io.kizuna.moderation.ReportableContent;
import io.kizuna.moderation.ReportedContent;
import io.kizuna.reviews.ReviewManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.DomainException;
import io.kizuna.shared.UserId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Reviews as moderation sees them: target type {@code review}; hiding takes a review off its page and out of the summary. */
@Component
class ReviewReports implements ReportableContent {
    private final Reviews reviews;
    private final ReviewManagement management;

    ReviewReports(Reviews reviews, ReviewManagement management) {
        this.reviews = reviews;
        this.management = management;
    }

    @Override
    public String targetType() {
        return "review";
    }

    @Override
    public Optional<ReportedContent> find(String targetId) {
        return id(targetId).flatMap(reviews::find).map(r -> new ReportedContent("review", Long.toString(r.id()), new UserId(r.authorId()), null,
            excerpt(r.title().isEmpty() ? r.body() : r.title() + " — " + r.body()), "/store/" + r.productSlug() + "#review-" + r.id(),
            !r.published(), r.createdAt().toInstant()));
    }

    @Override
    public boolean canSee(String targetId, Actor actor) {
        try {
            management.view(Optional.of(actor), targetId);
            return true;
        } catch (DomainException e) {
            return false;
        }
    }

    @Override
    public void hide(String targetId, String reason) {
        id(targetId).ifPresent(id -> management.hide(id, reason));
    }

    @Override
    public void restore(String targetId) {
        id(targetId).ifPresent(management::restore);
    }

    private static Optional<Long> id(String targetId) {
        try {
            return Optional.of(Long.parseLong(targetId));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
