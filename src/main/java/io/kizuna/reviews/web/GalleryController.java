package io.kizuna.reviews.web;

import io.kizuna.reviews.GalleryManagement;
import io.kizuna.reviews.GalleryManagement.NewGalleryPost;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.PageRequest;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The gallery page: members' product photos, the post form, likes and (for staff) features. */
@Controller
class GalleryController {
    private final GalleryManagement gallery;

    GalleryController(GalleryManagement gallery) {
        this.gallery = gallery;
    }

    @GetMapping("/gallery")
    String list(Optional<Actor> actor, @RequestParam(required = false) String product, @RequestParam(defaultValue = "false") boolean featured,
                @RequestParam(required = false) String cursor, Model model) {
        return page(actor, product, featured, cursor, Form.empty(), model);
    }

    @PostMapping("/gallery")
    String post(Actor actor, @RequestParam(required = false) String photo, @RequestParam(required = false) String caption,
                @RequestParam(required = false) String products, Model model, HttpServletResponse response) {
        var slugs = products == null ? List.<String>of()
            : Arrays.stream(products.split("[,、\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            gallery.post(actor, new NewGalleryPost(photo, caption, slugs));
            return "redirect:/gallery";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            var values = new LinkedHashMap<String, String>();
            values.put("caption", caption == null ? "" : caption);
            values.put("products", products == null ? "" : products);
            var refused = new InvalidInputException(e.problems().stream()
                .map(p -> p.field().startsWith("products[") ? new InvalidInputException.FieldProblem("products", p.message()) : p).toList());
            return page(Optional.of(actor), null, false, null, Form.refused(values, refused), model);
        }
    }

    @PostMapping("/gallery/{id}/like")
    String like(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "true") boolean like) {
        gallery.like(actor, id, like);
        return "redirect:/gallery#ugc-" + id;
    }

    @PostMapping("/gallery/{id}/feature")
    String feature(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "true") boolean featured) {
        gallery.feature(actor, id, featured);
        return "redirect:/gallery#ugc-" + id;
    }

    private String page(Optional<Actor> actor, String product, boolean featured, String cursor, Form form, Model model) {
        var posts = gallery.list(actor, product, featured, PageRequest.of("24", cursor));
        model.addAttribute("posts", posts);
        model.addAttribute("liked", actor.isPresent() ? gallery.likedByMe(actor.get(), posts.items()) : Set.of());
        model.addAttribute("product", product);
        model.addAttribute("featured", featured);
        model.addAttribute("form", form);
        return "reviews/gallery";
    }
}
