package io.kizuna.live;

import java.time.OffsetDateTime;
import java.util.List;

/** Read models of live shows, for the API, the pages and the real-time channel. */
public final class Views {
    private Views() {}

    /** The player to embed: {@code kind} youtube, vimeo (an iframe at {@code url}) or video (a {@code <video>} source). */
    public record Embed(String kind, String url) {}

    /** A product of the show, with its stock now; prices are tax-included yen ({@code memberPrice} null when none). */
    public record ShowProduct(String sku, String productSlug, String productName, String variantName, int price, Integer memberPrice,
                              int stock, String image) {
        public int memberPays() {
            return memberPrice == null ? price : Math.min(price, memberPrice);
        }
    }

    /**
     * A show. {@code state} is scheduled, live or ended; {@code pinnedSku} is the product shown with a buy button
     * (null when none); {@code reminded} says whether the caller asked to be reminded.
     */
    public record ShowView(String id, String title, String description, String state, String visibility, OffsetDateTime startsAt,
                           OffsetDateTime startedAt, OffsetDateTime endedAt, String streamUrl, Embed embed, List<String> skus,
                           List<ShowProduct> products, String pinnedSku, int slowModeSeconds, int viewers, boolean reminded) {
        public boolean scheduled() {
            return "scheduled".equals(state);
        }

        public boolean live() {
            return "live".equals(state);
        }

        public boolean ended() {
            return "ended".equals(state);
        }

        public ShowProduct pinned() {
            return products.stream().filter(p -> p.sku().equals(pinnedSku)).findFirst().orElse(null);
        }
    }

    /** An author as shown in the chat; {@code displayName} is null for a member who deleted their account. */
    public record Author(String id, String displayName, boolean staff) {}

    /**
     * A chat message, question or answer. {@code replyTo} is the question an answer answers; {@code answered} marks a
     * question the host marked answered; {@code offsetSeconds} is its time from the show's start (for the replay);
     * {@code status} is published, held (its author and staff only), deleted or hidden.
     */
    public record MessageView(String id, String kind, String body, Author author, String replyTo, boolean answered, String status,
                              OffsetDateTime createdAt, long offsetSeconds) {}

    /** A question with its answers, for the questions panel. */
    public record QuestionView(MessageView question, List<MessageView> answers) {}

    /** One point of a time series in the report. */
    public record Point(OffsetDateTime at, long value) {}

    /**
     * The post-show report: API.md's figures ({@code peakViewers … revenue}) plus unique viewers, buyers, conversion
     * (buyers / unique viewers), reactions and the series the report page charts. Revenue is tax-included yen of the
     * attributed orders that were not cancelled.
     */
    public record Report(int peakViewers, long messages, long questions, long questionsAnswered, long orders, long revenue,
                         long uniqueViewers, long buyers, double conversion, long reactions, List<Point> viewersOverTime,
                         List<Point> messagesPerMinute, List<Point> ordersPerMinute, List<Point> revenuePerMinute) {}
}
