package io.kizuna.live.internal;

import io.kizuna.live.Views.MessageView;
import io.kizuna.live.Views.ShowProduct;
import io.kizuna.live.Views.ShowView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of each real-time event, in one place for the log and the snapshots sent on connect. Keys keep their
 * order ({@code id} first in messages and deletions, which {@link Channel} relies on to find a message's frame).
 */
@Component
public class Payloads {
    private final JsonMapper json;

    Payloads(JsonMapper json) {
        this.json = json;
    }

    public String message(MessageView m) {
        var p = new LinkedHashMap<String, Object>();
        p.put("id", m.id());
        p.put("kind", m.kind());
        p.put("body", m.body());
        p.put("author", m.author());
        p.put("replyTo", m.replyTo());
        p.put("answered", m.answered());
        p.put("createdAt", m.createdAt());
        p.put("offsetSeconds", m.offsetSeconds());
        return write(p);
    }

    public String deleted(long messageId) {
        return write(Map.of("id", Long.toString(messageId)));
    }

    public String answered(long questionId) {
        return write(Map.of("id", Long.toString(questionId)));
    }

    public String state(ShowView show) {
        var p = new LinkedHashMap<String, Object>();
        p.put("state", show.state());
        p.put("startedAt", show.startedAt());
        p.put("endedAt", show.endedAt());
        p.put("slowModeSeconds", show.slowModeSeconds());
        return write(p);
    }

    public String pin(ShowView show) {
        var p = new LinkedHashMap<String, Object>();
        ShowProduct pinned = show.pinned();
        p.put("sku", pinned == null ? null : pinned.sku());
        p.put("product", pinned);
        return write(p);
    }

    public String stock(String sku, int stock) {
        var p = new LinkedHashMap<String, Object>();
        p.put("sku", sku);
        p.put("stock", stock);
        return write(p);
    }

    public String viewers(int count) {
        return "{\"count\":" + count + "}";
    }

    public String write(Object value) {
        return json.writeValueAsString(value);
    }
}
