package io.kizuna.search.web;

import io.kizuna.search.SearchHit;
import io.kizuna.search.SearchManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Search")
class SearchApiController {
    private final SearchManagement search;

    SearchApiController(SearchManagement search) {
        this.search = search;
    }

    @GetMapping("/api/v1/search")
    @Operation(summary = "Japanese-aware search over threads and posts the caller may see", description = "type: thread, post, product")
    Map<String, List<SearchHit>> search(Optional<Actor> actor, @RequestParam(required = false) String q,
                                        @RequestParam(required = false) String type, @RequestParam(required = false) String limit) {
        return Map.of("items", search.search(actor, q, type, PageRequest.of(limit, null).limit()));
    }

    @GetMapping("/api/v1/search/similar-questions")
    @Operation(summary = "Up to 5 existing questions similar to a title, solved first")
    Map<String, List<SearchHit>> similar(Optional<Actor> actor, @RequestParam(required = false) String title) {
        return Map.of("items", search.similarQuestions(actor, title));
    }

    @PostMapping("/api/v1/admin/search/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild this node's search index from PostgreSQL (owner/admin)")
    Map<String, String> rebuild(Actor actor) {
        search.rebuild(actor);
        return Map.of("status", "rebuilding");
    }
}
