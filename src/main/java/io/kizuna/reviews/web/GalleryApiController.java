package io.kizuna.reviews.web;

import io.kizuna.reviews.GalleryManagement;
import io.kizuna.reviews.GalleryManagement.NewGalleryPost;
import io.kizuna.reviews.Views.GalleryPostView;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The UGC gallery: members' product photos, likes, and staff features. */
@RestController
@RequestMapping("/api/v1/gallery")
@Tag(name = "Reviews")
class GalleryApiController {
    private final GalleryManagement gallery;

    GalleryApiController(GalleryManagement gallery) {
        this.gallery = gallery;
    }

    @PostMapping
    @Operation(summary = "Post a photo tagged with products (members)", description = "photo: id of the caller's own upload; caption up "
        + "to 500 characters; products: 1 to 5 slugs of public products")
    ResponseEntity<GalleryPostView> post(Actor actor, @RequestBody NewGalleryPost body) {
        var p = gallery.post(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/gallery/" + p.id())).body(p);
    }

    @GetMapping
    @Operation(summary = "Published photos, newest first", description = "product: a product's slug; featured=true: only featured photos, latest feature first")
    Page<GalleryPostView> list(Optional<Actor> actor, @RequestParam(required = false) String product,
                               @RequestParam(defaultValue = "false") boolean featured, @RequestParam(required = false) String limit,
                               @RequestParam(required = false) String cursor) {
        return gallery.list(actor, product, featured, PageRequest.of(limit, cursor));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One photo (hidden and held ones: their author and staff)")
    GalleryPostView one(Optional<Actor> actor, @PathVariable String id) {
        return gallery.view(actor, id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a photo (its author or staff)")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id) {
        gallery.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/likes")
    @Operation(summary = "Like a photo (once per member; 422 own-photo on one's own)")
    GalleryPostView like(Actor actor, @PathVariable String id) {
        return gallery.like(actor, id, true);
    }

    @DeleteMapping("/{id}/likes")
    @Operation(summary = "Take back one's like")
    GalleryPostView unlike(Actor actor, @PathVariable String id) {
        return gallery.like(actor, id, false);
    }

    @PostMapping("/{id}/feature")
    @Operation(summary = "Feature a photo on its products' pages and the home page (staff)")
    GalleryPostView feature(Actor actor, @PathVariable String id) {
        return gallery.feature(actor, id, true);
    }

    @DeleteMapping("/{id}/feature")
    @Operation(summary = "Stop featuring a photo (staff)")
    GalleryPostView unfeature(Actor actor, @PathVariable String id) {
        return gallery.feature(actor, id, false);
    }
}
