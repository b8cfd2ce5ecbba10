package io.kizuna.store.internal;

import io.kizuna.store.PaymentProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * TEST AND DEMO ONLY: a stand-in card processor. It takes no card data and moves no money; an order paid by
 * {@code card} gets a reference, and the "processor" (a test, or a person with the secret) confirms it by calling
 * the webhook with an HMAC-SHA256 signature of the body made with {@code KIZUNA_TEST_CARD_SECRET}. Unset secret:
 * card payments are switched off. A real processor replaces this class behind {@link PaymentProvider}.
 */
@Component
public class TestCardProvider implements PaymentProvider {
    public static final String SIGNATURE_HEADER = "X-Kizuna-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] secret;

    TestCardProvider(@Value("${kizuna.store.test-card-secret:}") String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return "card";
    }

    @Override
    public boolean available() {
        return secret.length > 0;
    }

    @Override
    public Start start(int total, OffsetDateTime now, int paymentDays) {
        var bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return new Start("test_pi_" + HexFormat.of().formatHex(bytes), now.plusDays(1));
    }

    /** Whether {@code signature} ({@code sha256=<hex>}) is this server's HMAC of {@code body}; compared in constant time. */
    public boolean verify(String body, String signature) {
        if (!available() || signature == null || !signature.startsWith("sha256=")) return false;
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.substring(7).getBytes(StandardCharsets.US_ASCII));
    }

    /** The hex HMAC-SHA256 of {@code body}. */
    public String sign(String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
