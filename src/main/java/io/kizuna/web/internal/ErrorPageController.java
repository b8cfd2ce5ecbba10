package io.kizuna.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.DisconnectedClientHelper;

/** Errors the servlet container catches outside controllers (filters, sendError) end here, in the same shapes. */
@Controller
class ErrorPageController implements ErrorController {
    private final ErrorResponder responder;

    ErrorPageController(ErrorResponder responder) {
        this.responder = responder;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object ex = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (ex instanceof Throwable t && DisconnectedClientHelper.isClientDisconnectedException(t)) return; // see ExceptionAdvice
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String slug = ProblemMapper.slugFor(status);
        String detail = "";
        var errors = List.<java.util.Map<String, String>>of();
        if (ex instanceof Throwable t) {
            var problem = ProblemMapper.map(t);
            status = problem.status();
            slug = problem.slug();
            detail = problem.detail();
            errors = problem.errors();
        }
        // error pages are rendered for the original URI so /api paths keep answering problem+json
        var original = new jakarta.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
                return uri != null ? uri.toString() : super.getRequestURI();
            }
        };
        responder.write(original, response, status, slug, detail, errors);
    }
}
