package io.kizuna.moderation.internal;

import io.kizuna.moderation.ReportableContent;
import io.kizuna.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Every {@link ReportableContent} bean by its target type: moderation works for any module that offers one. */
@Component
public class Targets {
    private final Map<String, ReportableContent> byType = new TreeMap<>();

    Targets(List<ReportableContent> all) {
        all.forEach(t -> byType.put(t.targetType(), t));
    }

    public Set<String> types() {
        return byType.keySet();
    }

    public Optional<ReportableContent> of(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }

    public ReportableContent require(String type) {
        return of(type).orElseThrow(() -> new NotFoundException("No such target."));
    }
}
