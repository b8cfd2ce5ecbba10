package io.kizuna.reviews.web;

import io.kizuna.reviews.QuestionManagement;
import io.kizuna.reviews.QuestionManagement.NewQuestion;
import io.kizuna.reviews.Views.QuestionView;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Product Q&A: questions are community question threads; answer and accept them with the community API on {@code threadId}. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reviews")
class QuestionApiController {
    private final QuestionManagement questions;

    QuestionApiController(QuestionManagement questions) {
        this.questions = questions;
    }

    @PostMapping("/products/{slug}/questions")
    @Operation(summary = "Ask a question about a product (members)", description = "Opens a question thread in the community's "
        + "products space that links back to the product; answers (POST /api/v1/threads/{id}/posts) and the best answer "
        + "(POST /api/v1/threads/{id}/accepted-answer) go through the community API. 404 for a product the caller may not see.")
    ResponseEntity<QuestionView> ask(Actor actor, @PathVariable String slug, @RequestBody NewQuestion body) {
        var q = questions.ask(actor, slug, body);
        return ResponseEntity.created(URI.create("/api/v1/threads/" + q.threadId())).body(q);
    }

    @GetMapping("/products/{slug}/questions")
    @Operation(summary = "A product's questions, newest first, with best and official (staff) answers")
    Page<QuestionView> list(Optional<Actor> actor, @PathVariable String slug, @RequestParam(required = false) String limit,
                            @RequestParam(required = false) String cursor) {
        return questions.list(actor, slug, PageRequest.of(limit, cursor));
    }
}
