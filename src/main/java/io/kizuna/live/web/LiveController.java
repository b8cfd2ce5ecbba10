package io.kizuna.live.web;

import io.kizuna.live.LiveManagement;
import io.kizuna.live.LiveManagement.NewShow;
import io.kizuna.live.LiveReports;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.PageRequest;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Live pages: the list of shows, one show's page (countdown and "remind me" before it starts, the player with chat,
 * questions, reactions and the pinned product while live, the replay afterwards), the staff's new-show form and the
 * report with charts. The page keeps itself current through the show's event stream (static/js/live.js).
 */
@Controller
class LiveController {
    private final LiveManagement live;
    private final LiveReports reports;

    LiveController(LiveManagement live, LiveReports reports) {
        this.live = live;
        this.reports = reports;
    }

    @GetMapping("/live")
    String list(Optional<Actor> actor, Model model) {
        model.addAttribute("live", live.list(actor, "live", PageRequest.of("12", null)).items());
        model.addAttribute("upcoming", live.list(actor, "scheduled", PageRequest.of("12", null)).items());
        model.addAttribute("past", live.list(actor, "ended", PageRequest.of("12", null)).items());
        return "live/list";
    }

    @GetMapping("/live/new")
    String newShow(Actor actor, Model model) {
        live.requireHost(actor);
        model.addAttribute("form", Form.empty());
        return "live/new";
    }

    @PostMapping("/live")
    String create(Actor actor, @RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        var skus = Arrays.stream(params.getOrDefault("skus", "").split("[,、\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            var show = live.create(actor, new NewShow(params.get("title"), params.get("description"), params.get("startsAt"),
                params.get("streamUrl"), skus, params.getOrDefault("visibility", "public")));
            return "redirect:/live/" + show.id();
        } catch (InvalidInputException e) {
            response.setStatus(400);
            var values = new LinkedHashMap<String, String>();
            for (String f : List.of("title", "description", "startsAt", "streamUrl", "skus", "visibility")) values.put(f, params.getOrDefault(f, ""));
            var refused = new InvalidInputException(e.problems().stream()
                .map(p -> p.field().startsWith("skus[") ? new InvalidInputException.FieldProblem("skus", p.message()) : p).toList());
            model.addAttribute("form", Form.refused(values, refused));
            return "live/new";
        }
    }

    @GetMapping("/live/{id}")
    String show(Optional<Actor> actor, @PathVariable String id, Model model) {
        model.addAttribute("show", live.view(actor, id));
        return "live/show";
    }

    @PostMapping("/live/{id}/reminder")
    String remind(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "true") boolean remind) {
        live.remind(actor, id, remind);
        return "redirect:/live/" + id;
    }

    @PostMapping("/live/{id}/start")
    String start(Actor actor, @PathVariable String id) {
        live.start(actor, id);
        return "redirect:/live/" + id;
    }

    @PostMapping("/live/{id}/end")
    String end(Actor actor, @PathVariable String id) {
        live.end(actor, id);
        return "redirect:/live/" + id;
    }

    @GetMapping("/live/{id}/report")
    String report(Actor actor, @PathVariable String id, Model model) {
        var report = reports.report(actor, id);
        model.addAttribute("show", live.view(Optional.of(actor), id));
        model.addAttribute("report", report);
        return "live/report";
    }
}
