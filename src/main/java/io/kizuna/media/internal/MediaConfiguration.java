package io.kizuna.media.internal;

import io.kizuna.media.MediaManagement;
import io.kizuna.web.BodySizeLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Uploads may carry 10 MB of image plus the multipart framing; every other API body stays at 1 MB. */
@Configuration(proxyBeanMethods = false)
class MediaConfiguration {
    /** Room for the part headers and boundaries; {@code spring.servlet.multipart.max-request-size} says the same. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    @Bean
    BodySizeLimit uploadBodySizeLimit() {
        return new BodySizeLimit("/api/v1/uploads", MediaManagement.MAX_BYTES + MULTIPART_OVERHEAD);
    }
}
