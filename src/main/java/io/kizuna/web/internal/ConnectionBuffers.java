package io.kizuna.web.internal;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat gives every open connection its own read and write buffer (8 KB each by default) for as long as the
 * connection lives. Live-show viewers hold thousands of connections that only ever receive small event frames, so
 * those buffers were two thirds of a listener's heap (bench/RESULTS.md, live commerce). 4 KB each halves that; larger
 * responses and uploads still pass straight through to the socket, in 4 KB writes instead of 8 KB.
 */
@Component
class ConnectionBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    static final int BYTES = 4096;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(BYTES));
        });
    }
}
