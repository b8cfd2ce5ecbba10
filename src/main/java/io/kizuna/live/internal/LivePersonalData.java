package io.kizuna.live.internal;

import io.kizuna.identity.MemberErased;
import io.kizuna.identity.PersonalDataContributor;
import io.kizuna.shared.UserId;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** APPI: a member's live chat in their data download; on erasure their words leave the chat, its log and its replays. */
@Component
class LivePersonalData implements PersonalDataContributor {
    private final Messages messages;
    private final Payloads payloads;
    private final EventLog log;
    private final JdbcClient jdbc;

    LivePersonalData(Messages messages, Payloads payloads, EventLog log, JdbcClient jdbc) {
        this.messages = messages;
        this.payloads = payloads;
        this.log = log;
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "liveChat";
    }

    @Override
    public Map<String, Object> export(UserId member) {
        var rows = messages.byAuthor(member.value()).stream()
            .map(m -> Map.of("show", Long.toString(m.sessionId()), "kind", m.kind(), "body", m.body(), "createdAt", m.createdAt().toString()))
            .toList();
        return Map.of("messages", rows);
    }

    @EventListener
    void on(MemberErased e) {
        for (var m : messages.byAuthor(e.member().value())) {
            if (m.eventSeq() != null) log.rewrite(m.sessionId(), m.eventSeq(), "delete", payloads.deleted(m.id()));
        }
        messages.eraseAuthor(e.member().value());
        jdbc.sql("delete from live_reminders where user_id = :u").param("u", e.member().value()).update();
    }
}
