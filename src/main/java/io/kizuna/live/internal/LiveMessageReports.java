package io.kizuna.live.internal;

import io.kizuna.live.ChatManagement;
import io.kizuna.moderation.ReportableContent;
import io.kizuna.moderation.ReportedContent;
import io.kizuna.shared.Actor;
import io.kizuna.shared.UserId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Live chat messages as moderation sees them: target type {@code live-message}; hiding one deletes it for every listener. */
@Component
class LiveMessageReports implements ReportableContent {
    private final Messages messages;
    private final ChatManagement chat;

    LiveMessageReports(Messages messages, ChatManagement chat) {
        this.messages = messages;
        this.chat = chat;
    }

    @Override
    public String targetType() {
        return ChatManagement.TARGET_TYPE;
    }

    @Override
    public Optional<ReportedContent> find(String targetId) {
        return id(targetId).flatMap(messages::find).map(m -> new ReportedContent(targetType(), Long.toString(m.id()), new UserId(m.authorId()),
            null, m.body(), "/live/" + m.sessionId() + "#message-" + m.id(), !m.published(), m.createdAt().toInstant()));
    }

    @Override
    public boolean canSee(String targetId, Actor actor) {
        return id(targetId).map(id -> chat.canSee(id, actor)).orElse(false);
    }

    @Override
    public void hide(String targetId, String reason) {
        id(targetId).ifPresent(id -> chat.setHidden(id, true));
    }

    @Override
    public void restore(String targetId) {
        id(targetId).ifPresent(id -> chat.setHidden(id, false));
    }

    private static Optional<Long> id(String targetId) {
        try {
            return Optional.of(Long.parseLong(targetId));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
