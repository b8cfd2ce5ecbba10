package io.kizuna.search.web;

import io.kizuna.search.SearchManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The search page. */
@Controller
class SearchController {
    private final SearchManagement search;

    SearchController(SearchManagement search) {
        this.search = search;
    }

    @GetMapping("/search")
    String search(Optional<Actor> actor, @RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("q", q);
        try {
            model.addAttribute("hits", q.isBlank() ? List.of() : search.search(actor, q, null, 50));
        } catch (InvalidInputException e) {
            model.addAttribute("hits", List.of());
        }
        return "search/results";
    }
}
