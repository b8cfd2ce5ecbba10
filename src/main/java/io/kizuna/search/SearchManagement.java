package io.kizuna.search;

import io.kizuna.community.CommunityIndexFeed;
import io.kizuna.search.internal.IndexFeeder;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.store.StorePolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Search over what the caller may see: threads and posts by the community's rule, products by the store's. */
@Service
public class SearchManagement {
    public static final Set<String> TYPES = Set.of("thread", "post", "product");
    private final IndexFeeder feeder;
    private final CommunityIndexFeed community;
    private final StorePolicy storePolicy;

    SearchManagement(IndexFeeder feeder, CommunityIndexFeed community, StorePolicy storePolicy) {
        this.feeder = feeder;
        this.community = community;
        this.storePolicy = storePolicy;
    }

    public List<SearchHit> search(Optional<Actor> actor, String q, String type, int limit) {
        if (q == null || q.isBlank()) throw new InvalidInputException("q", "validation.required");
        if (q.length() > 200) throw new InvalidInputException("q", "validation.tooLong");
        if (type != null && !type.isBlank() && !TYPES.contains(type)) throw new InvalidInputException("type", "validation.unknownValue");
        String only = type == null || type.isBlank() ? null : type;
        var spaces = "product".equals(only) ? Set.<Long>of() : community.visibleSpaceIds(actor);
        var products = only == null || "product".equals(only) ? productVisibilities(actor) : Set.<String>of();
        return feeder.index().search(q.strip(), spaces, products, only, null, limit);
    }

    /** The product visibilities the caller may see, by the store's own rule (only active products are indexed). */
    private Set<String> productVisibilities(Optional<Actor> actor) {
        return Set.of("public", "members").stream().filter(v -> storePolicy.canSeeProduct(actor, v, true)).collect(java.util.stream.Collectors.toSet());
    }

    /** Up to five existing questions like a title being typed, solved ones first: answers before the question is asked. */
    public List<SearchHit> similarQuestions(Optional<Actor> actor, String title) {
        if (title == null || title.strip().length() < 2) return List.of();
        String q = title.strip().length() > 200 ? title.strip().substring(0, 200) : title.strip();
        var hits = feeder.index().search(q, community.visibleSpaceIds(actor), Set.of(), "thread", "question", 20);
        return hits.stream().sorted(Comparator.comparing((SearchHit h) -> !h.solved())).limit(5).toList();
    }

    public void rebuild(Actor actor) {
        if (!actor.isAdmin()) throw new ForbiddenException("Only owners and admins rebuild the search index.");
        feeder.requestRebuild();
    }
}
