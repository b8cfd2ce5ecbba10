package io.kizuna.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Browser;
import io.kizuna.support.IntegrationTestBase;
import io.kizuna.support.TestMail;
import org.junit.jupiter.api.Test;

/** A visitor signs up, confirms the address from the real mail, logs out and logs in again, all through the pages. */
class AccountBrowserTests extends IntegrationTestBase {

    @Test
    void signUpVerifyByMailLogOutAndLogIn() {
        try (var browser = new Browser("http://localhost:" + port, "ja")) {
            // sign up
            browser.open("/");
            browser.click("a.button[href='/signup']");
            browser.type("#email", "browser@example.com");
            browser.type("#password", "correct-horse-1");
            browser.type("#displayName", "ブラウザ 花子");
            browser.click("form[action='/signup'] button[type=submit]");
            browser.waitForPath("/account");
            assertThat(browser.find("#email-unverified").getText()).isEqualTo("未確認");
            assertThat(browser.text()).contains("ブラウザ 花子");

            // the verification mail arrives over SMTP; its link confirms the address
            var mail = TestMail.await("browser@example.com", "メールアドレスの確認");
            browser.open(TestMail.link(mail, "/verify-email?token="));
            assertThat(browser.find("#verify-result").getText()).contains("確認しました");
            browser.open("/account");
            assertThat(browser.text()).contains("確認済み");

            // log out from the header, then log in again
            browser.submit("form[action='/logout'] button");
            assertThat(browser.find("a[href='/login']").isDisplayed()).isTrue();
            browser.open("/login");
            browser.type("#email", "browser@example.com");
            browser.type("#password", "wrong-password");
            browser.click("form[action='/login'] button[type=submit]");
            assertThat(browser.find("#password-error").getText()).contains("正しくありません");
            browser.type("#password", "correct-horse-1");
            browser.submit("form[action='/login'] button[type=submit]");
            assertThat(browser.text()).contains("ブラウザ 花子 さん、おかえりなさい");

            // and the language switch turns the same page English
            browser.click("a[lang='en']");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
            assertThat(browser.text()).contains("Welcome back, ブラウザ 花子.");
        }
    }
}
