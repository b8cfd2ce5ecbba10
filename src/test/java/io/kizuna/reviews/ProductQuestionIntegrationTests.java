package io.kizuna.reviews;

import static io.kizuna.reviews.ReviewFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.IntegrationTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.EventListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** Product Q&A: one conversation in two views (product page and community thread), official staff answers, best answer event. */
@Import(ProductQuestionIntegrationTests.Recorder.class)
class ProductQuestionIntegrationTests extends IntegrationTestBase {

    @TestConfiguration
    static class Recorder {
        static final List<Object> EVENTS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @EventListener
        void on(QaAnswerAccepted e) {
            EVENTS.add(e);
        }
    }

    @Test
    void questionIsAThreadAnsweredInTheCommunityAndShownOnTheProductPage() {
        // given
        var admin = withRole("admin-qa@example.com", "admin");
        var staff = withRole("staff-qa@example.com", "moderator");
        product(api, admin.token(), "qa-beans", "QA-BEANS", "public");
        var asker = api.member("asker@example.com", "聞く人");
        var helper = api.member("helper@example.com", "答える人");
        // when: a member asks on the product
        var q = api.post("/api/v1/products/qa-beans/questions", Map.of("title", "ペーパードリップに向いていますか？", "body", "挽き目も知りたいです。"), asker.token());
        assertThat(q.status()).as(q.toString()).isEqualTo(201);
        String thread = q.json().get("threadId").asString();
        // then: it is a question thread of the products space that links back to the product
        var t = api.get("/api/v1/threads/" + thread).json();
        assertThat(t.get("kind").asString()).isEqualTo("question");
        assertThat(t.get("spaceSlug").asString()).isEqualTo("products");
        var opening = api.get("/api/v1/threads/" + thread + "/posts").json().get("items").get(0);
        assertThat(opening.get("bodyHtml").asString()).contains("href=\"/store/qa-beans\"");
        // and answers given in the community show on the product page, staff's marked official
        api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "中細挽きがおすすめです。"), helper.token());
        String official = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "公式：中挽きで1杯12gが目安です。"), staff.token())
            .json().get("id").asString();
        var listed = api.get("/api/v1/products/qa-beans/questions").json().get("items").get(0);
        assertThat(listed.get("answerCount").asInt()).isEqualTo(2);
        assertThat(listed.get("officialAnswers").get(0).get("official").asBoolean()).isTrue();
        assertThat(listed.get("officialAnswers").get(0).get("bodyHtml").asString()).contains("12g");
        // when the asker picks the best answer
        var accept = api.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", official), asker.token());
        assertThat(accept.status()).as(accept.toString()).isEqualTo(200);
        // then
        var solved = api.get("/api/v1/products/qa-beans/questions").json().get("items").get(0);
        assertThat(solved.get("solved").asBoolean()).isTrue();
        assertThat(solved.get("bestAnswer").get("postId").asString()).isEqualTo(official);
        assertThat(solved.get("bestAnswer").get("official").asBoolean()).isTrue();
        assertThat(Recorder.EVENTS).contains(new QaAnswerAccepted(Long.parseLong(thread),
            jdbc.sql("select id from store_products where slug = 'qa-beans'").query(Long.class).single(), Long.parseLong(official),
            Long.parseLong(api.get("/api/v1/threads/" + thread + "/posts").json().get("items").get(2).get("author").get("id").asString())));
        var page = api.get("/store/qa-beans").body();
        assertThat(page).contains("ペーパードリップに向いていますか？", "ベストアンサー", "公式", "href=\"/t/" + thread + "\"");
    }

    @Test
    void questionsRefuseVisitorsBadInputAndHiddenProducts() {
        var admin = withRole("admin-qa2@example.com", "admin");
        product(api, admin.token(), "qa-club", "QA-CLUB", "members");
        product(api, admin.token(), "qa-open", "QA-OPEN", "public");
        var member = api.member("m-qa@example.com", "m");
        assertThat(api.post("/api/v1/products/qa-open/questions", Map.of("title", "質問"), null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/products/qa-club/questions").status()).isEqualTo(404);
        var noTitle = api.post("/api/v1/products/qa-open/questions", Map.of("body", "本文だけ"), member.token());
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.body()).contains("\"field\":\"title\"");
        assertThat(api.get("/api/v1/products/qa-open/questions").json().get("items").size()).isZero();
        assertThat(api.get("/store/qa-open").body()).contains("id=\"no-questions\"");
    }
}
