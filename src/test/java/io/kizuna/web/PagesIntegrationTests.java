package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.IntegrationTestBase;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class PagesIntegrationTests extends IntegrationTestBase {

    private io.kizuna.support.Api.Response page(String path, String acceptLanguage) {
        var b = HttpRequest.newBuilder(api.uri(path)).GET();
        if (acceptLanguage != null) b.header("Accept-Language", acceptLanguage);
        return api.request(b);
    }

    @Test
    void homeIsJapaneseByDefault() {
        var r = page("/", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<html lang=\"ja\">").contains("新規登録").contains("rel=\"canonical\"");
    }

    @Test
    void staticFilesAreLinkedByContentVersionAndKeptForAYear() {
        var home = page("/", null);
        var link = java.util.regex.Pattern.compile("href=\"(/css/app\\.css\\?v=[0-9a-f]{8})\"").matcher(home.body());
        assertThat(link.find()).as("versioned stylesheet link in %s", home.body()).isTrue();
        var css = page(link.group(1), null);
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Cache-Control")).contains("max-age=31536000").contains("public");
    }

    @Test
    void templatesLinkStaticFilesOnlyThroughTheirVersion() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/jte"))) {
            var unversioned = files.filter(f -> f.toString().endsWith(".jte")).filter(f -> {
                try {
                    return java.util.regex.Pattern.compile("(src|href)=\"/(js|css)/").matcher(java.nio.file.Files.readString(f)).find();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(unversioned).as("use ${page.asset(...)} for static files").isEmpty();
        }
    }

    @Test
    void homeIsEnglishByAcceptLanguage() {
        var r = page("/", "en-US,en;q=0.9");
        assertThat(r.body()).contains("<html lang=\"en\">").contains("Sign up");
    }

    @Test
    void languageSwitchIsRemembered() {
        var switched = page("/?lang=en", "ja");
        assertThat(switched.body()).contains("<html lang=\"en\">");
        assertThat(switched.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("kizuna_lang=en"));
        // the client's cookie jar sends it back
        assertThat(page("/", "ja").body()).contains("<html lang=\"en\">");
    }

    @Test
    void errorPagesAreTranslated() {
        var ja = page("/no-such-page", "ja");
        assertThat(ja.status()).isEqualTo(404);
        assertThat(ja.contentType()).startsWith("text/html");
        assertThat(ja.body()).contains("ページが見つかりません");
        var en = page("/no-such-page", "en");
        assertThat(en.body()).contains("Page not found");
        var forbidden = page("/admin/users", "en");
        assertThat(forbidden.status()).isEqualTo(302);
        assertThat(forbidden.header("Location")).endsWith("/login");
    }

    @Test
    void memberGets403PageOnAdminPages() throws Exception {
        var member = api.member("pages@example.com", "Pages");
        var r = api.request(HttpRequest.newBuilder(api.uri("/admin/users")).header("Authorization", "Bearer " + member.token()).header("Accept-Language", "en").GET());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("Not allowed");
    }

    @Test
    void securityHeadersForbidInlineScriptAndFraming() {
        var r = page("/", null);
        String csp = r.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(r.body()).doesNotContain("<script>").doesNotContain("onclick=").doesNotContain("style=\"");
    }

    @Test
    void formsHaveLabelsTiedToFieldsAndErrorsTiedToInputs() {
        var form = page("/signup", "en");
        assertThat(form.body()).contains("<label for=\"email\">").contains("id=\"email\"")
            .contains("<label for=\"password\">").contains("<label for=\"displayName\">");
        // a refused signup shows the error next to its field, linked by aria-describedby
        var csrf = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("KIZUNA_CSRF=")).findFirst().orElseThrow();
        String token = form.csrf();
        var refused = api.request(HttpRequest.newBuilder(api.uri("/signup"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "en")
            .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)
                + "&email=bad&password=short&displayName=")));
        assertThat(csrf).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("aria-invalid=\"true\"").contains("aria-describedby=\"email-error\"")
            .contains("id=\"email-error\"").contains("This is not a valid email address.");
        assertThat(jdbc.sql("select count(*) from identity_users where email = 'bad'").query(Long.class).single()).isZero();
    }
}
