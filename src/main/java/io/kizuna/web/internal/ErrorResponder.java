package io.kizuna.web.internal;

import io.kizuna.web.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem+json for the API and the translated error page for everything else. */
@Component
class ErrorResponder implements ErrorResponses {
    private final JsonMapper json;
    private final JteViewResolver views;
    private final MessageSource messages;

    ErrorResponder(JsonMapper json, JteViewResolver views, MessageSource messages) {
        this.json = json;
        this.views = views;
        this.messages = messages;
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String slug, String detail,
                      List<Map<String, String>> fieldErrors) throws IOException {
        if (response.isCommitted()) return;
        response.setStatus(status);
        if (ErrorResponses.isApi(request)) {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            var locale = WebConfiguration.fromAcceptLanguage(request);
            var translated = fieldErrors.stream()
                .map(e -> ProblemMapper.field(e.get("field"), messages.getMessage(e.get("message"), null, e.get("message"), locale)))
                .toList();
            json.writeValue(response.getOutputStream(), problemBody(request, status, slug, detail, translated));
        } else {
            views.writePage("error", Map.of("status", status), request, response);
        }
    }

    static Map<String, Object> problemBody(HttpServletRequest request, int status, String slug, String detail,
                                           List<Map<String, String>> fieldErrors) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", ErrorResponses.type(slug));
        var known = HttpStatus.resolve(status);
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail == null ? "" : detail);
        Object uri = request.getAttribute("jakarta.servlet.error.request_uri");
        body.put("instance", uri != null ? uri : request.getRequestURI());
        if (!fieldErrors.isEmpty()) body.put("errors", fieldErrors);
        return body;
    }
}
