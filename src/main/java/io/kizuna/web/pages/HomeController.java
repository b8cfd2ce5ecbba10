package io.kizuna.web.pages;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The home page, and the trivial endpoint that benchmarks use as this server's ceiling. */
@Controller
class HomeController {
    private final java.util.List<io.kizuna.web.HomeSection> sections;

    HomeController(java.util.List<io.kizuna.web.HomeSection> sections) {
        this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(io.kizuna.web.HomeSection::order)).toList();
    }

    @GetMapping("/")
    String home(org.springframework.ui.Model model) {
        model.addAttribute("sections", sections);
        return "home";
    }

    @GetMapping("/api/v1/ping")
    @ResponseBody
    ResponseEntity<Map<String, String>> ping() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("status", "ok"));
    }
}
