package io.kizuna.reviews;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Read models of reviews, for the API and the pages. */
public final class Views {
    private Views() {}

    /** An author as shown beside a review; {@code displayName} is null for a member who deleted their account. */
    public record Author(String id, String displayName) {}

    /** An attached photo: uploaded image URLs on this server. */
    public record Photo(String id, String url, String thumbnailUrl) {}

    /** The brand's public answer to a review. */
    public record Reply(String body, OffsetDateTime repliedAt) {}

    /**
     * A review. {@code incentivized} is the PR label (the brand asked for or rewarded it) that only staff set;
     * {@code status} is published, pending (held for moderation: author and staff only) or hidden.
     */
    public record ReviewView(String id, String productSlug, int rating, String title, String body, List<Photo> photos,
                             boolean verifiedPurchase, boolean incentivized, Author author, int helpfulCount,
                             String status, Reply reply, boolean edited, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public boolean published() {
            return "published".equals(status);
        }
    }

    /**
     * A product's rating: {@code average} to one decimal (null without reviews), {@code count} and the histogram of
     * stars ({@code "1"} … {@code "5"}). Counts published reviews only.
     */
    public record Summary(BigDecimal average, int count, Map<String, Integer> histogram) {
        public int percent(int stars) {
            return count == 0 ? 0 : Math.round(histogram.get(Integer.toString(stars)) * 100f / count);
        }
    }

    /** A page of a product's reviews as API.md has it, plus the caller's own review (any status) when there is one. */
    public record ReviewPage(List<ReviewView> items, String nextCursor, Summary summary, ReviewView mine) {}

    /** An earlier version of a review, kept when its author edited it. */
    public record Revision(int rating, String title, String body, List<Photo> photos, OffsetDateTime writtenAt) {}

    /** An answer to a product question: {@code official} when staff wrote it, {@code accepted} when it is the best answer. */
    public record Answer(String postId, String bodyHtml, Author author, boolean official, boolean accepted, OffsetDateTime createdAt) {}

    /**
     * A product question: a question thread of the community's products space ({@code url} is the thread), with its best
     * answer and up to two official (staff) answers.
     */
    public record QuestionView(String threadId, String title, Author author, int answerCount, boolean solved, Answer bestAnswer,
                               List<Answer> officialAnswers, String url, OffsetDateTime createdAt) {}

    /** A product a gallery photo is tagged with. */
    public record ProductTag(String slug, String name) {}

    /** A member's gallery photo ("how I use it"), tagged with products; {@code featured} when staff picked it. */
    public record GalleryPostView(String id, Photo photo, String caption, Author author, List<ProductTag> products, int likeCount,
                                  boolean featured, String status, OffsetDateTime createdAt) {}
}
