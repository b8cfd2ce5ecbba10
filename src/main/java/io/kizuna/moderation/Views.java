package io.kizuna.moderation;

import java.time.OffsetDateTime;
import java.util.List;

/** Read models of trust and safety that the API and pages show. */
public final class Views {
    private Views() {}

    /**
     * A queue item: the case of one target, its merged reasons, report count and weighted flag count. {@code firstResponseDueAt} is when the
     * first staff action is due; {@code overdue} says it passed without one.
     */
    public record CaseView(String id, String targetType, String targetId, List<String> reasons, int reportCount, int flagWeight, String status,
                           OffsetDateTime openedAt, String resolution, String route, boolean held, String spaceId, String spaceSlug,
                           String authorId, String authorName, String excerpt, String url, OffsetDateTime firstResponseAt,
                           OffsetDateTime firstResponseDueAt, boolean overdue) {}

    /** A report; {@code weight} is what it counted toward holding the content (by the reporter's trust level). */
    public record ReportView(String id, String caseId, String targetType, String targetId, String reason, String note, int weight,
                             OffsetDateTime createdAt) {}

    /** One staff action or permission change; {@code id} is what an appeal names. */
    public record AuditEntry(String id, String actorId, String actorName, String action, String caseId, String targetType,
                             String targetId, String subjectId, String detail, OffsetDateTime at) {}

    /** A case with its reports, the actions taken on it and the author's history, for the case page. */
    public record CaseDetail(CaseView item, List<ReportView> reports, List<AuditEntry> actions, MemberHistory author,
                             List<String> allowedActions) {}

    /** A member as moderators see them: sanctions now and earlier cases about their content. */
    public record MemberHistory(String id, String displayName, String suspendedUntil, boolean banned, List<CaseView> cases,
                                List<AuditEntry> actions) {}

    public record AppealView(String id, String actionId, String action, String caseId, String appellantId, String body,
                             String status, String actingModeratorId, String decidedBy, String decisionNote,
                             OffsetDateTime createdAt, OffsetDateTime decidedAt) {}

    /** An action taken about the member themselves, with the state of its appeal if any. */
    public record MyAction(String id, String action, String targetType, String targetId, String detail, OffsetDateTime at,
                           String appealStatus) {}

    public record RouteView(String code, String name, List<String> staffIds) {}

    public record GrantView(String userId, String spaceId, String spaceSlug, String role) {}

    public record BannedWordView(String id, String word, String action, String message) {}

    /**
     * A member's trust: the effective {@code level} (the override if any, else the computed one), the figures of the last
     * computation, and what the next computed level still needs.
     */
    public record TrustView(String memberId, String displayName, int level, int computedLevel, Integer overrideLevel, String overrideNote,
                            int daysVisited, int postsRead, int postsMade, int likesReceived, OffsetDateTime lastSanctionAt,
                            OffsetDateTime computedAt, Integer nextLevel, List<Requirement> nextNeeds) {}

    /** One unmet requirement: the figure, what the member has, what the level needs. */
    public record Requirement(String signal, long have, long need) {}

    public record ThresholdView(int level, int daysVisited, int postsRead, int postsMade, int likesReceived, int sanctionFreeDays) {}

    public record GuidelinesView(int version, String body, String bodyHtml, boolean material, OffsetDateTime publishedAt,
                                 Integer acceptedVersion, boolean mustAccept) {}
}
