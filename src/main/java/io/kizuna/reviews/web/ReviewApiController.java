package io.kizuna.reviews.web;

import io.kizuna.reviews.ReviewManagement;
import io.kizuna.reviews.ReviewManagement.NewReview;
import io.kizuna.reviews.ReviewManagement.ReviewChange;
import io.kizuna.reviews.Views.ReviewPage;
import io.kizuna.reviews.Views.ReviewView;
import io.kizuna.reviews.Views.Revision;
import io.kizuna.shared.Actor;
import io.kizuna.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reviews API of API.md, extended with edits and their history, deletes, helpful votes, brand replies and the PR label. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reviews")
class ReviewApiController {
    /** The brand's reply. */
    record ReplyBody(String body) {}

    /** The PR label: the brand asked for or rewarded the review. */
    record LabelBody(Boolean incentivized) {}

    private final ReviewManagement reviews;

    ReviewApiController(ReviewManagement reviews) {
        this.reviews = reviews;
    }

    @PostMapping("/products/{slug}/reviews")
    @Operation(summary = "Review a product (members)", description = "rating 1..5 (whole), title up to 100 characters, body 10..5,000 "
        + "characters, photos: up to 5 ids of the caller's own uploads (POST /api/v1/uploads). One review per member and product: a "
        + "second is 409 review-exists. verifiedPurchase is true when the caller has a paid, shipped or delivered order with the product. "
        + "404 for a product the caller may not see.")
    ResponseEntity<ReviewView> create(Actor actor, @PathVariable String slug, @RequestBody NewReview body) {
        var review = reviews.create(actor, slug, body);
        return ResponseEntity.created(URI.create("/api/v1/reviews/" + review.id())).body(review);
    }

    @GetMapping("/products/{slug}/reviews")
    @Operation(summary = "A product's published reviews, with its rating summary",
        description = "sort: newest (default), helpful or rating; stars: 1..5; withPhotos: true. summary: average to one decimal "
            + "(null without reviews), count, histogram by stars. mine: the caller's own review in any status, or null.")
    ReviewPage list(Optional<Actor> actor, @PathVariable String slug, @RequestParam(required = false) String sort,
                    @RequestParam(required = false) String stars, @RequestParam(required = false) String withPhotos,
                    @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return reviews.list(actor, slug, sort, stars, withPhotos, PageRequest.of(limit, cursor));
    }

    @GetMapping("/reviews/{id}")
    @Operation(summary = "One review (pending and hidden ones: their author and staff only)")
    ReviewView review(Optional<Actor> actor, @PathVariable String id) {
        return reviews.view(actor, id);
    }

    @PatchMapping("/reviews/{id}")
    @Operation(summary = "Edit one's own review", description = "Fields left out keep their value; the previous version is kept in "
        + "the history. The PR label and the verified mark cannot be changed this way.")
    ReviewView edit(Actor actor, @PathVariable String id, @RequestBody ReviewChange body) {
        return reviews.edit(actor, id, body);
    }

    @DeleteMapping("/reviews/{id}")
    @Operation(summary = "Delete a review (its author or staff)")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id) {
        reviews.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/reviews/{id}/revisions")
    @Operation(summary = "Earlier versions of a review, newest first (its author and staff)")
    List<Revision> revisions(Actor actor, @PathVariable String id) {
        return reviews.revisions(actor, id);
    }

    @PostMapping("/reviews/{id}/helpful")
    @Operation(summary = "Mark a review helpful (once per member; 422 own-review on one's own)")
    ReviewView helpful(Actor actor, @PathVariable String id) {
        return reviews.helpful(actor, id, true);
    }

    @DeleteMapping("/reviews/{id}/helpful")
    @Operation(summary = "Take back one's helpful vote")
    ReviewView unhelpful(Actor actor, @PathVariable String id) {
        return reviews.helpful(actor, id, false);
    }

    @PutMapping("/reviews/{id}/reply")
    @Operation(summary = "The brand's public reply (staff); an empty body removes it")
    ReviewView reply(Actor actor, @PathVariable String id, @RequestBody ReplyBody body) {
        return reviews.reply(actor, id, body.body());
    }

    @PutMapping("/reviews/{id}/label")
    @Operation(summary = "Set the PR label (staff): the brand asked for or rewarded this review",
        description = "Shown as 「PR」 / \"PR (incentivized)\" as the stealth-marketing rule requires; the author cannot remove it.")
    ReviewView label(Actor actor, @PathVariable String id, @RequestBody LabelBody body) {
        return reviews.label(actor, id, body.incentivized() == null || body.incentivized());
    }
}
