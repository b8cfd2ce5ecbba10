package io.kizuna.reviews.web;

import io.kizuna.reviews.ReviewManagement;
import io.kizuna.reviews.ReviewManagement.NewReview;
import io.kizuna.reviews.ReviewManagement.ReviewChange;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The review forms of product pages: write, edit, delete, helpful, and for staff the brand's reply and the PR label.
 * Each answers with a redirect back to the product's reviews, or with the form and its errors (400).
 */
@Controller
class ReviewController {
    private final ReviewManagement reviews;
    private final io.kizuna.reviews.QuestionManagement questions;

    ReviewController(ReviewManagement reviews, io.kizuna.reviews.QuestionManagement questions) {
        this.reviews = reviews;
        this.questions = questions;
    }

    /** Asks a product question; its thread page is where answers go. A refused question returns to the product page. */
    @PostMapping("/store/{slug}/questions")
    String ask(Actor actor, @PathVariable String slug, @RequestParam(required = false) String title, @RequestParam(required = false) String body) {
        try {
            return "redirect:" + questions.ask(actor, slug, new io.kizuna.reviews.QuestionManagement.NewQuestion(title, body)).url();
        } catch (InvalidInputException e) {
            return "redirect:/store/" + slug + "?qerror=1#ask-question";
        }
    }

    @PostMapping("/store/{slug}/reviews")
    String create(Actor actor, @PathVariable String slug, @RequestParam(required = false) String rating,
                  @RequestParam(required = false) String title, @RequestParam(required = false) String body,
                  @RequestParam(required = false) List<String> photos, Model model, HttpServletResponse response) {
        var product = reviews.product(Optional.of(actor), slug);
        try {
            reviews.create(actor, slug, new NewReview(number(rating), title, body, photos == null ? List.of() : photos));
            return "redirect:/store/" + product.slug() + "#reviews";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("product", product);
            model.addAttribute("review", null);
            model.addAttribute("action", "/store/" + product.slug() + "/reviews");
            model.addAttribute("form", Form.refused(values(rating, title, body), photoErrors(e)));
            return "reviews/write";
        }
    }

    @PostMapping("/store/{slug}/reviews/{id}/edit")
    String edit(Actor actor, @PathVariable String slug, @PathVariable String id, @RequestParam(required = false) String rating,
                @RequestParam(required = false) String title, @RequestParam(required = false) String body,
                @RequestParam(required = false) List<String> photos, Model model, HttpServletResponse response) {
        var product = reviews.product(Optional.of(actor), slug);
        try {
            reviews.edit(actor, id, new ReviewChange(number(rating), title == null ? "" : title, body, photos == null ? List.of() : photos));
            return "redirect:/store/" + product.slug() + "#my-review";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("product", product);
            model.addAttribute("review", reviews.view(Optional.of(actor), id));
            model.addAttribute("action", "/store/" + product.slug() + "/reviews/" + id + "/edit");
            model.addAttribute("form", Form.refused(values(rating, title, body), photoErrors(e)));
            return "reviews/write";
        }
    }

    @PostMapping("/store/{slug}/reviews/{id}/delete")
    String delete(Actor actor, @PathVariable String slug, @PathVariable String id) {
        reviews.delete(actor, id);
        return "redirect:/store/" + slug + "#reviews";
    }

    @PostMapping("/store/{slug}/reviews/{id}/helpful")
    String helpful(Actor actor, @PathVariable String slug, @PathVariable String id, @RequestParam(defaultValue = "true") boolean helpful) {
        reviews.helpful(actor, id, helpful);
        return "redirect:/store/" + slug + "#review-" + id;
    }

    @PostMapping("/store/{slug}/reviews/{id}/reply")
    String reply(Actor actor, @PathVariable String slug, @PathVariable String id, @RequestParam(required = false) String body) {
        reviews.reply(actor, id, body);
        return "redirect:/store/" + slug + "#review-" + id;
    }

    @PostMapping("/store/{slug}/reviews/{id}/label")
    String label(Actor actor, @PathVariable String slug, @PathVariable String id, @RequestParam(defaultValue = "true") boolean incentivized) {
        reviews.label(actor, id, incentivized);
        return "redirect:/store/" + slug + "#review-" + id;
    }

    private static BigDecimal number(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("rating", "reviews.validation.rating");
        }
    }

    private static LinkedHashMap<String, String> values(String rating, String title, String body) {
        var v = new LinkedHashMap<String, String>();
        v.put("rating", rating == null ? "" : rating);
        v.put("title", title == null ? "" : title);
        v.put("body", body == null ? "" : body);
        return v;
    }

    /** {@code photos[2]} errors show at the one photo field of the form. */
    private static InvalidInputException photoErrors(InvalidInputException e) {
        return new InvalidInputException(e.problems().stream()
            .map(p -> p.field().startsWith("photos[") ? new InvalidInputException.FieldProblem("photos", p.message()) : p).toList());
    }
}
