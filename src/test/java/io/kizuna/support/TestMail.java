package io.kizuna.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** A real SMTP server in the test JVM (GreenMail); the application delivers to it over SMTP. */
public final class TestMail {
    private static GreenMail greenMail;

    private TestMail() {}

    public static synchronized GreenMail server() {
        if (greenMail == null) {
            int port;
            try (var s = new ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
        return greenMail;
    }

    public static int port() {
        return server().getSmtp().getPort();
    }

    /** Waits for mail to {@code to} whose subject contains {@code subjectPart}, and returns the newest. */
    public static MimeMessage await(String to, String subjectPart) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
            .until(() -> find(to, subjectPart), m -> m != null);
    }

    public static List<MimeMessage> to(String to) {
        return Arrays.stream(server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(to));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static MimeMessage find(String to, String subjectPart) throws Exception {
        MimeMessage found = null;
        for (var m : to(to)) {
            if (m.getSubject().contains(subjectPart)) found = m;
        }
        return found;
    }

    public static String body(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in a mail that contains {@code pathPart}. */
    public static String link(MimeMessage m, String pathPart) {
        var matcher = Pattern.compile("https?://\\S*" + Pattern.quote(pathPart) + "\\S*").matcher(body(m));
        if (!matcher.find()) throw new AssertionError("no link with " + pathPart + " in: " + body(m));
        return matcher.group();
    }
}
