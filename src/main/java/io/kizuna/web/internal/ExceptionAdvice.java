package io.kizuna.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** The one place where exceptions from controllers become responses (problem+json or an error page). */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExceptionAdvice {
    private final ErrorResponder responder;

    ExceptionAdvice(ErrorResponder responder) {
        this.responder = responder;
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientWentAway() {
        // the client closed the connection; nothing to answer
    }

    @ExceptionHandler(Exception.class)
    void handle(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var problem = ProblemMapper.map(e);
        problem.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        if (problem.status() == 401 && !io.kizuna.web.ErrorResponses.isApi(request)) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        responder.write(request, response, problem.status(), problem.slug(), problem.detail(), problem.errors());
    }
}
