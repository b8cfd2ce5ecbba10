package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Browser;
import io.kizuna.support.IntegrationTestBase;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** "Load more" on a space page adds the next threads in place and leaves the reader at the first of them. */
class SpacePagingBrowserTests extends IntegrationTestBase {
    @Autowired
    JdbcClient jdbc;

    @Test
    void loadMoreAppendsTheNextPageAndMovesFocusToItsFirstThread() {
        var admin = withRole("admin-paging@example.com", "admin");
        api.post("/api/v1/spaces", Map.of("slug", "paging", "name", "ページ送り", "visibility", "public"), admin.token());
        // 35 threads, newest activity first: "話題 35" leads the first page of 30, "話題 5" leads the second
        jdbc.sql("""
                insert into community_threads (space_id, kind, title, author_id, post_count, last_activity_at)
                select (select id from community_spaces where slug = 'paging'), 'discussion', '話題 ' || g, :author, 1,
                       now() - make_interval(mins => 100 - g)
                from generate_series(1, 35) g""").param("author", Long.parseLong(admin.id())).update();

        try (var reader = new Browser("http://localhost:" + port, "ja")) {
            reader.open("/s/paging");
            assertThat(reader.driver.findElements(By.cssSelector("#thread-list > li"))).hasSize(30);
            reader.click("#load-more");
            new WebDriverWait(reader.driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#thread-list > li")).size() == 35);
            var focused = (String) ((JavascriptExecutor) reader.driver).executeScript("return document.activeElement.textContent");
            assertThat(focused).contains("話題 5").doesNotContain("話題 35");
            assertThat(reader.driver.findElements(By.cssSelector("#load-more"))).as("the last page has no link").isEmpty();
            assertThat(reader.driver.getCurrentUrl()).as("no reload").endsWith("/s/paging");
        }
    }
}
