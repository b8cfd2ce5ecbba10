package io.kizuna.community;

import io.kizuna.community.CommunityPolicy.SpaceAccess;
import io.kizuna.community.Views.SpaceView;
import io.kizuna.platform.ReadCache;
import io.kizuna.community.internal.ContentRules;
import io.kizuna.community.internal.Spaces;
import io.kizuna.community.internal.Spaces.SpaceRow;
import io.kizuna.community.internal.ViewAssembler;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.UserId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Spaces: created by admins, listed by what the caller may see, private ones joined by invitation. */
@Service
public class SpaceManagement {
    /** A new space as sent by an admin. */
    public record NewSpace(String slug, String name, String description, String visibility) {}

    private final Spaces spaces;
    private final CommunityPolicy policy;
    private final ViewAssembler views;
    private final IdentityManagement identity;
    private final ReadCache cache;

    SpaceManagement(Spaces spaces, CommunityPolicy policy, ViewAssembler views, IdentityManagement identity, ReadCache cache) {
        this.cache = cache;
        this.spaces = spaces;
        this.policy = policy;
        this.views = views;
        this.identity = identity;
    }

    @Transactional
    public SpaceView create(Actor actor, NewSpace form) {
        if (!policy.canCreateSpace(actor)) throw new ForbiddenException("Only owners and admins create spaces.");
        var visibility = Visibility.fromCode(form.visibility());
        ContentRules.check()
            .slug("slug", form.slug())
            .text("name", form.name(), ContentRules.MAX_SPACE_NAME)
            .optionalText("description", form.description(), ContentRules.MAX_DESCRIPTION)
            .known("visibility", visibility.isPresent())
            .orThrow();
        spaces.insert(form.slug(), form.name().strip(), form.description() == null ? "" : form.description().strip(), visibility.get(), actor.id().value())
            .orElseThrow(() -> new ConflictException("slug-taken", "A space with this slug already exists."));
        cache.changed(ReadCache.SPACES, 0);
        return views.space(spaces.find(form.slug()).orElseThrow());
    }

    /** The spaces the actor may see; the visitors' list is the same for all of them, so it is cached. */
    public List<SpaceView> visible(Optional<Actor> actor) {
        if (actor.isPresent()) return load(actor);
        return cache.read(cache.key(ReadCache.SPACES, 0, "visible-to-visitors"), () -> load(actor));
    }

    private List<SpaceView> load(Optional<Actor> actor) {
        return spaces.visible(policy.visibleSpaces(actor)).stream().map(views::space).toList();
    }

    public SpaceView view(Optional<Actor> actor, String slug) {
        return views.space(require(actor, slug));
    }

    /** Adds a member to a private space (admins and moderators). 409 when they are in it already. */
    @Transactional
    public void addMember(Actor actor, String slug, String userId) {
        if (!policy.canAddSpaceMember(actor)) throw new ForbiddenException("Only staff add members to spaces.");
        var space = require(Optional.of(actor), slug);
        var member = UserId.parse(userId);
        identity.view(member); // 404 for an unknown member
        if (!spaces.addMember(space.id(), member.value(), actor.id().value())) {
            throw new ConflictException("already-member", "This member is already in the space.");
        }
        cache.changed(ReadCache.SPACES, 0);
    }

    /** The space if the actor may see it; otherwise 404, so private spaces do not reveal that they exist. */
    SpaceRow require(Optional<Actor> actor, String slug) {
        // PostgreSQL refuses a U+0000 even as a parameter, and no slug has one: "" names no space either
        String s = slug == null || slug.indexOf('\0') >= 0 ? "" : slug;
        var space = cache.read(cache.key(ReadCache.SPACES, 0, "slug:" + s), () -> spaces.find(s)).orElseThrow(() -> new NotFoundException("No such space."));
        if (!canSee(actor, space.id(), space.visibilityValue())) throw new NotFoundException("No such space.");
        return space;
    }

    /** The visibility rule for one space; membership is looked up (and cached) only for private spaces. */
    boolean canSee(Optional<Actor> actor, long spaceId, Visibility visibility) {
        boolean member = visibility == Visibility.PRIVATE && actor.isPresent() && !actor.get().isStaff()
            && cache.read(cache.key(ReadCache.SPACES, 0, "member:" + spaceId + ":" + actor.get().id().value()),
                () -> spaces.isMember(spaceId, actor.get().id().value()));
        return policy.canSee(actor, new SpaceAccess(spaceId, visibility, member));
    }
}
