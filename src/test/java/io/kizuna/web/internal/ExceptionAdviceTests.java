package io.kizuna.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A client that hangs up mid-answer is answered with nothing (the responder is null here: any use of it fails). */
class ExceptionAdviceTests {

    @Test
    void aBrokenPipeInAControllerWritesNothing() throws IOException {
        var request = new MockHttpServletRequest("GET", "/api/v1/products");
        var response = new MockHttpServletResponse();

        new ExceptionAdvice(null).handle(new ClientAbortException(new IOException("Broken pipe")), request, response);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    @Test
    void aBrokenPipeThatReachedTheErrorPageWritesNothing() throws IOException {
        var request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IOException("Connection reset by peer"));
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        var response = new MockHttpServletResponse();

        new ErrorPageController(null).error(request, response);

        assertThat(response.getContentAsByteArray()).isEmpty();
    }
}
