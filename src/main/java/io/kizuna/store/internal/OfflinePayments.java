package io.kizuna.store.internal;

import io.kizuna.store.PaymentProvider;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in methods that staff confirm by hand: bank transfer and konbini (paid within the shop's payment days,
 * or the order expires and its stock returns) and cash on delivery (paid to the carrier, so it never expires).
 */
@Configuration(proxyBeanMethods = false)
class OfflinePayments {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Bean
    PaymentProvider bankTransfer() {
        return new Offline("bank_transfer", "BT", true);
    }

    @Bean
    PaymentProvider konbini() {
        return new Offline("konbini", "KB", true);
    }

    @Bean
    PaymentProvider cashOnDelivery() {
        return new Offline("cod", null, false);
    }

    private record Offline(String method, String prefix, boolean expires) implements PaymentProvider {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Start start(int total, OffsetDateTime now, int paymentDays) {
            // konbini and bank transfers quote a number the buyer writes on the slip; staff match payments by it
            String reference = prefix == null ? null : prefix + "-" + String.format("%08d", RANDOM.nextInt(100_000_000));
            return new Start(reference, expires ? now.plusDays(paymentDays) : null);
        }
    }
}
