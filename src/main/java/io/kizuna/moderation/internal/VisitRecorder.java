package io.kizuna.moderation.internal;

import io.kizuna.shared.Actor;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Days visited, a trust-level signal: a signed-in request marks its member as seen today (Japan time) in memory, one
 * map lookup per request; a flush every few seconds writes the day's new members in one statement. Each member is
 * written at most once a day per node, and several nodes writing the same day is harmless.
 */
@Component
class VisitRecorder implements HandlerInterceptor, WebMvcConfigurer {
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final int MAX_SEEN = 500_000;

    private final TrustRows rows;
    private final Map<Long, LocalDate> seen = new ConcurrentHashMap<>();
    private final Map<Long, LocalDate> pending = new ConcurrentHashMap<>();

    VisitRecorder(TrustRows rows) {
        this.rows = rows;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/css/**", "/js/**", "/media/**", "/webjars/**", "/actuator/**", "/favicon.ico");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor actor) saw(actor.id().value());
        return true;
    }

    void saw(long userId) {
        var today = LocalDate.now(JAPAN);
        if (today.equals(seen.get(userId))) return;
        if (seen.size() > MAX_SEEN) seen.clear();
        seen.put(userId, today);
        pending.put(userId, today);
    }

    @Scheduled(fixedDelayString = "${kizuna.moderation.trust.flush-ms:5000}", initialDelay = 5_000)
    @PreDestroy
    public void flush() {
        if (pending.isEmpty()) return;
        var byDay = new HashMap<LocalDate, List<Long>>();
        for (var id : List.copyOf(pending.keySet())) {
            var day = pending.remove(id);
            if (day != null) byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(id);
        }
        byDay.forEach(rows::visited);
    }
}
