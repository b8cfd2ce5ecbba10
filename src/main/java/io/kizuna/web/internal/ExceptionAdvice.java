package io.kizuna.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.util.DisconnectedClientHelper;

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
        // a reader who closed the page mid-answer (broken pipe): no one to answer, and not an error of ours to log
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) return;
        var problem = ProblemMapper.map(e);
        problem.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        if (problem.status() == 401 && !io.kizuna.web.ErrorResponses.isApi(request)) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        responder.write(request, response, problem.status(), problem.slug(), problem.detail(), problem.errors());
    }
}
