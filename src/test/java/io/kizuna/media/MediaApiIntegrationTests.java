package io.kizuna.media;

import static io.kizuna.media.TestImages.SECRET_PLACE;
import static io.kizuna.media.TestImages.contains;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.IntegrationTestBase;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Uploading, refusing and serving images through the API, against the real server, database and data directory. */
class MediaApiIntegrationTests extends IntegrationTestBase {
    private static final String BOUNDARY = "kizuna-test-boundary";
    private final HttpClient http = HttpClient.newHttpClient();
    private static int n;

    @Value("${kizuna.data-dir}")
    Path dataDir;

    private Api.Member member() {
        n++;
        return api.member("uploader" + n + "@example.com", "アップロード" + n);
    }

    @Test
    void acceptsJpegPngGifAndWebpAndMakesThumbnails() throws IOException {
        var m = member();
        var jpeg = upload(m.token(), "photo.jpg", "image/jpeg", TestImages.jpegWithGps(1200, 800, 1));
        assertUploaded(jpeg, "image/jpeg", 1200, 800, "image/jpeg", 400, 267);
        var png = upload(m.token(), "drawing.png", "image/png", TestImages.encode(TestImages.picture(800, 800, Color.ORANGE, true), "png"));
        assertUploaded(png, "image/png", 800, 800, "image/png", 400, 400);
        var gif = upload(m.token(), "anim.gif", "image/gif", TestImages.animatedGifWithXmp(640, 480));
        assertUploaded(gif, "image/gif", 640, 480, "image/jpeg", 400, 300);
        byte[] webpBytes;
        try (var in = getClass().getResourceAsStream("/media/translucent-with-xmp.webp")) {
            webpBytes = in.readAllBytes();
        }
        var webp = upload(m.token(), "sticker.webp", "image/webp", webpBytes);
        assertUploaded(webp, "image/webp", 600, 300, "image/png", 400, 200);
    }

    @Test
    void aSmallImageIsItsOwnThumbnail() {
        byte[] png = TestImages.encode(TestImages.picture(120, 90, Color.GREEN, false), "png");
        var r = upload(member().token(), "small.png", "image/png", png);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        var json = r.json();
        assertThat(fetch(json.get("thumbnailUrl").asString()).body()).isEqualTo(fetch(json.get("url").asString()).body());
    }

    @Test
    void acceptsTheImageAsTheRawRequestBody() {
        byte[] png = TestImages.encode(TestImages.picture(50, 40, Color.RED, false), "png");
        var request = HttpRequest.newBuilder(api.uri("/api/v1/uploads")).header("Content-Type", "image/png")
            .header("Authorization", "Bearer " + member().token()).POST(HttpRequest.BodyPublishers.ofByteArray(png));
        var r = api.request(request);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("contentType").asString()).isEqualTo("image/png");
    }

    @Test
    void servesTheOriginalWithoutItsLocation() {
        // given
        byte[] original = TestImages.jpegWithGps(640, 480, 1);
        var r = upload(member().token(), "photo.jpg", "image/jpeg", original);
        // when
        byte[] served = fetch(r.json().get("url").asString()).body();
        // then
        assertThat(contains(original, SECRET_PLACE)).isTrue();
        assertThat(contains(served, SECRET_PLACE)).isFalse();
        assertThat(contains(served, TestImages.latitudeBytes())).isFalse();
        assertThat(contains(served, "GPSLatitude")).isFalse();
        assertThat(contains(served, TestImages.CAMERA)).isTrue();
        assertThat(r.json().get("bytes").asLong()).isEqualTo(served.length);
    }

    @Test
    void servesMediaToAnyoneWithImmutableCachingAndSandboxHeaders() {
        // given
        var r = upload(member().token(), "photo.jpg", "image/jpeg", TestImages.jpegWithGps(500, 500, 1));
        String url = r.json().get("url").asString();
        // when: an anonymous visitor
        var served = fetch(url);
        // then
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.headers().allValues("Cache-Control")).containsExactly("public, max-age=31536000, immutable");
        assertThat(served.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(served.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'none'; style-src 'unsafe-inline'; sandbox");
        assertThat(served.headers().firstValue("Content-Disposition")).hasValue("inline");
        assertThat(served.headers().firstValue("Pragma")).isEmpty();
        assertThat(served.headers().firstValue("Set-Cookie")).isEmpty();
        String etag = served.headers().firstValue("ETag").orElseThrow();
        String sha256 = jdbc.sql("select sha256 from media_uploads where id = :id").param("id", r.json().get("id").asString())
            .query(String.class).single();
        assertThat(etag).isEqualTo("\"" + sha256 + "\"");
        // and the browser's copy is still good
        var again = fetch(url, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(fetch(url + "/thumb", "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownMediaIs404() {
        assertThat(fetch("/media/AAAAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        assertThat(fetch("/media/AAAAAAAAAAAAAAAAAAAAAAAA/thumb").statusCode()).isEqualTo(404);
        assertThat(fetch("/media/short").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesWhatIsNotAnImageByItsBytesWith415() {
        var m = member();
        long rowsBefore = count("media_uploads");
        for (byte[] body : new byte[][] {
            "これは写真ではありません".getBytes(StandardCharsets.UTF_8),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8),
            "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8),
            TestImages.concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, "garbage".repeat(50).getBytes(StandardCharsets.UTF_8))}) {
            var r = upload(m.token(), "photo.jpg", "image/jpeg", body);
            assertThat(r.status()).as(r.toString()).isEqualTo(415);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("type").asString()).isEqualTo("/problems/unsupported-media-type");
        }
        assertThat(count("media_uploads")).isEqualTo(rowsBefore);
    }

    @Test
    void aBrokenFormOrOneWithoutAFilePartIs400() {
        String token = member().token();
        var broken = postForm(token, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end");
        var wrongPart = postForm(token, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n"
            + "x\r\n--" + BOUNDARY + "--\r\n");
        assertThat(broken.status()).as(broken.toString()).isEqualTo(400);
        assertThat(broken.json().get("type").asString()).isEqualTo("/problems/malformed-multipart");
        assertThat(wrongPart.status()).as(wrongPart.toString()).isEqualTo(400);
        assertThat(wrongPart.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
    }

    private Api.Response postForm(String token, String body) {
        return api.request(HttpRequest.newBuilder(api.uri("/api/v1/uploads")).header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void refusesMoreThanTenMegabytesWith413AndStoresNothing() throws IOException {
        var m = member();
        long rowsBefore = count("media_uploads");
        long filesBefore = storedFiles();
        // well over: refused by its length before it is read
        var huge = upload(m.token(), "huge.jpg", "image/jpeg", jpegPaddedTo(11 * 1024 * 1024));
        // one byte over: refused while the multipart body is read
        var justOver = upload(m.token(), "big.jpg", "image/jpeg", jpegPaddedTo(10 * 1024 * 1024 + 1));
        for (var r : new Api.Response[] {huge, justOver}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(413);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("type").asString()).isEqualTo("/problems/payload-too-large");
        }
        assertThat(count("media_uploads")).isEqualTo(rowsBefore);
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void otherEndpointsKeepTheirOneMegabyteLimitForMultipart() {
        var r = api.request(multipart("/api/v1/markdown/preview", "a.png", "image/png", new byte[2 * 1024 * 1024])
            .header("Authorization", "Bearer " + member().token()));
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void visitorsCannotUpload() {
        var r = api.request(multipart("/api/v1/uploads", "a.png", "image/png", tinyPng()));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void browserUploadsNeedTheCsrfToken() {
        // given: a member signed in through the log-in page (session cookie)
        var m = member();
        var browser = signedInClient(m.email());
        String csrf = browser.get("/account").csrf();
        // when
        var without = browser.request(multipart("/api/v1/uploads", "a.png", "image/png", tinyPng()));
        var with = browser.request(multipart("/api/v1/uploads", "a.png", "image/png", tinyPng()).header("X-XSRF-TOKEN", csrf));
        // then
        assertThat(without.status()).isEqualTo(403);
        assertThat(with.status()).as(with.toString()).isEqualTo(201);
    }

    @Test
    void limitsUploadsPerMemberWith429() {
        var m = member();
        for (int i = 0; i < MediaManagement.UPLOADS_PER_MINUTE; i++) {
            assertThat(upload(m.token(), "a.png", "image/png", tinyPng()).status()).isEqualTo(201);
        }
        var refused = upload(m.token(), "a.png", "image/png", tinyPng());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(upload(member().token(), "a.png", "image/png", tinyPng()).status()).isEqualTo(201);
    }

    @Test
    void refusesTooManyPixelsWith422() {
        byte[] png = TestImages.encode(TestImages.picture(10, 10, Color.RED, false), "png");
        java.nio.ByteBuffer.wrap(png).putInt(16, 12_000).putInt(20, 12_000);
        var crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        java.nio.ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
        var r = upload(member().token(), "wide.png", "image/png", png);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).isEqualTo("/problems/image-too-large");
    }

    @Test
    void uploadsAreInTheMembersPersonalDataExport() {
        var m = member();
        String id = upload(m.token(), "a.png", "image/png", tinyPng()).json().get("id").asString();
        var export = api.get("/api/v1/me/personal-data", m.token());
        assertThat(export.json().get("uploads").get("items").get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    void openApiDescribesTheUploadForm() {
        var upload = api.get("/v3/api-docs").json().get("paths").get("/api/v1/uploads").get("post");
        var content = upload.get("requestBody").get("content");
        assertThat(content.get("multipart/form-data").toString()).contains("FilePart");
        assertThat(content.has("image/*")).isTrue();
        assertThat(upload.get("responses").has("201")).isTrue();
        assertThat(upload.toString()).doesNotContain("\"actor\"");
    }

    private void assertUploaded(Api.Response r, String type, int width, int height, String thumbnailType, int thumbWidth, int thumbHeight)
            throws IOException {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode json = r.json();
        String id = json.get("id").asString();
        assertThat(id).matches("[A-Za-z0-9_-]{24}");
        assertThat(r.header("Location")).isEqualTo("/media/" + id);
        assertThat(json.get("url").asString()).isEqualTo("/media/" + id);
        assertThat(json.get("thumbnailUrl").asString()).isEqualTo("/media/" + id + "/thumb");
        assertThat(json.get("contentType").asString()).isEqualTo(type);
        assertThat(json.get("width").asInt()).isEqualTo(width);
        assertThat(json.get("height").asInt()).isEqualTo(height);
        var original = fetch(json.get("url").asString());
        assertThat(original.headers().firstValue("Content-Type")).hasValue(type);
        assertThat((long) original.body().length).isEqualTo(json.get("bytes").asLong());
        assertThat(contains(original.body(), SECRET_PLACE)).isFalse();
        var thumbnail = fetch(json.get("thumbnailUrl").asString());
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue(thumbnailType);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(decoded.getWidth()).isEqualTo(thumbWidth);
        assertThat(decoded.getHeight()).isEqualTo(thumbHeight);
    }

    private Api.Response upload(String token, String filename, String declaredType, byte[] bytes) {
        return api.request(multipart("/api/v1/uploads", filename, declaredType, bytes).header("Authorization", "Bearer " + token));
    }

    private HttpRequest.Builder multipart(String path, String filename, String declaredType, byte[] bytes) {
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
            + "Content-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private HttpResponse<byte[]> fetch(String path, String... headers) {
        var request = HttpRequest.newBuilder(api.uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] tinyPng() {
        return TestImages.encode(TestImages.picture(8, 8, Color.MAGENTA, false), "png");
    }

    /** A real JPEG followed by padding up to the given size: only its size is wrong. */
    private static byte[] jpegPaddedTo(int size) {
        return java.util.Arrays.copyOf(TestImages.jpegWithGps(64, 64, 1), size);
    }

    private long storedFiles() throws IOException {
        Path uploads = dataDir.resolve("uploads");
        if (!Files.exists(uploads)) return 0;
        try (var files = Files.walk(uploads)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
