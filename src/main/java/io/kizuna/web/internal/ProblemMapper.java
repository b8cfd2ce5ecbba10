package io.kizuna.web.internal;

import io.kizuna.shared.DomainException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.PayloadTooLargeException;
import io.kizuna.shared.RateLimitedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import tools.jackson.core.JacksonException;

/** Turns any exception into a problem: status, type slug, detail, field errors and extra headers. */
final class ProblemMapper {
    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

    record Problem(int status, String slug, String detail, List<Map<String, String>> errors, HttpHeaders headers) {
        Problem(int status, String slug, String detail) {
            this(status, slug, detail, List.of(), new HttpHeaders());
        }
    }

    private ProblemMapper() {}

    static Problem map(Throwable e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof PayloadTooLargeException tooLarge) return new Problem(413, tooLarge.slug(), tooLarge.getMessage());
        }
        if (e instanceof InvalidInputException invalid) {
            var errors = invalid.problems().stream().map(p -> field(p.field(), p.message())).toList();
            return new Problem(400, invalid.slug(), invalid.getMessage(), errors, new HttpHeaders());
        }
        if (e instanceof RateLimitedException limited) {
            var headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
            return new Problem(429, limited.slug(), limited.getMessage(), List.of(), headers);
        }
        if (e instanceof DomainException d) return new Problem(d.status(), d.slug(), d.getMessage());
        if (e instanceof MethodArgumentNotValidException invalid) return invalidFields(invalid.getBindingResult());
        if (e instanceof HandlerMethodValidationException invalid) {
            var errors = new ArrayList<Map<String, String>>();
            for (ParameterValidationResult r : invalid.getParameterValidationResults()) {
                String name = r.getMethodParameter().getParameterName();
                r.getResolvableErrors().forEach(err -> errors.add(field(name, err.getDefaultMessage())));
            }
            return new Problem(400, "invalid-input", "The request has invalid fields.", errors, new HttpHeaders());
        }
        if (e instanceof HttpMessageNotReadableException unreadable) return unreadable(unreadable);
        if (e instanceof MultipartException && !(e instanceof ErrorResponse)) {
            return new Problem(400, "malformed-multipart", "The request body is not valid multipart/form-data.");
        }
        if (e instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName() == null ? "parameter" : mismatch.getPropertyName();
            return new Problem(400, "invalid-input", "The request has invalid fields.",
                List.of(field(name, "has the wrong type")), new HttpHeaders());
        }
        if (e instanceof ErrorResponse response) {
            int status = response.getStatusCode().value();
            String detail = response.getBody().getDetail();
            return new Problem(status, slugFor(status), detail == null ? "" : detail, List.of(), response.getHeaders());
        }
        if (e instanceof AccessDeniedException) return new Problem(403, "forbidden", "You may not do this.");
        if (e instanceof AuthenticationException) return new Problem(401, "unauthorized", "Sign in first.");
        log.error("Unhandled error", e);
        return new Problem(500, "internal-error", "Something went wrong on our side. It has been logged.");
    }

    private static Problem invalidFields(BindingResult result) {
        var errors = new ArrayList<Map<String, String>>();
        result.getFieldErrors().forEach(f -> errors.add(field(f.getField(), f.getDefaultMessage())));
        result.getGlobalErrors().forEach(g -> errors.add(field(g.getObjectName(), g.getDefaultMessage())));
        return new Problem(400, "invalid-input", "The request has invalid fields.", errors, new HttpHeaders());
    }

    private static Problem unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            var path = new StringBuilder();
            for (var ref : jackson.getPath()) {
                if (ref.getPropertyName() != null) {
                    if (!path.isEmpty()) path.append('.');
                    path.append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            boolean nul = jackson.getOriginalMessage() != null && jackson.getOriginalMessage().contains(JsonConfiguration.NoNulText.REFUSAL);
            return new Problem(400, "invalid-input", "The request has invalid fields.",
                List.of(field(path.toString(), nul ? "validation.invalidCharacter" : "has the wrong type or format")), new HttpHeaders());
        }
        if (cause == null && e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return new Problem(400, "body-required", "This request needs a JSON body.");
        }
        return new Problem(400, "malformed-json", "The request body is not valid JSON.");
    }

    static Map<String, String> field(String field, String message) {
        var m = new LinkedHashMap<String, String>();
        m.put("field", field);
        m.put("message", message == null ? "is invalid" : message);
        return m;
    }

    static String slugFor(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "rule-refused";
            case 429 -> "rate-limited";
            default -> status >= 500 ? "internal-error" : "error";
        };
    }
}
