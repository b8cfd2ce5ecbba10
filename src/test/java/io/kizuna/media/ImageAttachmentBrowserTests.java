package io.kizuna.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Browser;
import io.kizuna.support.IntegrationTestBase;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A member attaches a photo in the reply box; the reply shows it, and a file that is no image is refused in words. */
class ImageAttachmentBrowserTests extends IntegrationTestBase {

    @Test
    void attachAPhotoToAReply() throws Exception {
        // given
        var admin = withRole("admin-img@example.com", "admin");
        api.member("photo@example.com", "写真の人");
        api.post("/api/v1/spaces", Map.of("slug", "photos", "name", "写真", "visibility", "public"), admin.token());
        String thread = api.post("/api/v1/spaces/photos/threads", Map.of("title", "開封の儀", "body", "届きました", "kind", "discussion"),
            admin.token()).json().get("id").asString();
        Path photo = Files.createTempFile("photo", ".jpg");
        Files.write(photo, TestImages.jpegWithGps(900, 600, 1));
        Path notAnImage = Files.createTempFile("notes", ".jpg");
        Files.writeString(notAnImage, "これは画像ではありません");
        try (var b = new Browser("http://localhost:" + port, "ja")) {
            b.signIn("photo@example.com");
            b.open("/t/" + thread);
            // when: a text file dressed as .jpg
            b.find("#body-image").sendKeys(notAnImage.toString());
            // then
            waitUntil(b, () -> b.find("#body-image-status").getText().contains("JPEG・PNG・WebP・GIF"));
            // when: a real photo
            b.type("#body", "箱の中身です ");
            b.find("#body-image").sendKeys(photo.toString());
            waitUntil(b, () -> b.find("#body").getDomProperty("value").contains("![画像の説明](/media/"));
            // the placeholder description is selected: typing replaces it
            b.find("#body").sendKeys("青い箱");
            assertThat(b.find("#body").getDomProperty("value")).matches("箱の中身です !\\[青い箱]\\(/media/[A-Za-z0-9_-]{24}\\)");
            b.click("form.reply button[type=submit]");
            // then: the reply shows the photo, served by this server
            var image = b.find(".post:nth-of-type(2) .post-body img");
            assertThat(image.getDomAttribute("src")).matches("/media/[A-Za-z0-9_-]{24}");
            assertThat(image.getDomAttribute("alt")).isEqualTo("青い箱");
            waitUntil(b, () -> ((Number) ((JavascriptExecutor) b.driver).executeScript("return arguments[0].naturalWidth", image)).intValue() == 900);
        } finally {
            Files.deleteIfExists(photo);
            Files.deleteIfExists(notAnImage);
        }
    }

    private static void waitUntil(Browser b, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(d -> condition.getAsBoolean());
    }
}
