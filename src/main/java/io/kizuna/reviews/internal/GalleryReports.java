package io.kizuna.reviews.internal;

import io.kizuna.moderation.ReportableContent;
import io.kizuna.moderation.ReportedContent;
import io.kizuna.reviews.GalleryManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.UserId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Gallery photos as moderation sees them: target type {@code ugc}. */
@Component
class GalleryReports implements ReportableContent {
    private final GalleryPosts posts;
    private final GalleryManagement gallery;

    GalleryReports(GalleryPosts posts, GalleryManagement gallery) {
        this.posts = posts;
        this.gallery = gallery;
    }

    @Override
    public String targetType() {
        return "ugc";
    }

    @Override
    public Optional<ReportedContent> find(String targetId) {
        return id(targetId).flatMap(posts::find).map(p -> new ReportedContent("ugc", Long.toString(p.id()), new UserId(p.authorId()), null,
            p.caption().length() > 200 ? p.caption().substring(0, 200) + "…" : p.caption(), "/gallery/" + p.id(), !p.published(),
            p.createdAt().toInstant()));
    }

    @Override
    public boolean canSee(String targetId, Actor actor) {
        return gallery.canSee(targetId, actor);
    }

    @Override
    public void hide(String targetId, String reason) {
        id(targetId).ifPresent(id -> gallery.setHidden(id, true, reason));
    }

    @Override
    public void restore(String targetId) {
        id(targetId).ifPresent(id -> gallery.setHidden(id, false, null));
    }

    private static Optional<Long> id(String targetId) {
        try {
            return Optional.of(Long.parseLong(targetId));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
