package io.kizuna.web.internal;

import io.kizuna.shared.Actor;
import io.kizuna.shared.UnauthorizedException;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Controller parameters of type {@link Actor} get the signed-in member (401, or the login page, when there is none);
 * {@code Optional<Actor>} is empty for visitors.
 */
class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        if (parameter.getParameterType() == Actor.class) return true;
        return parameter.getParameterType() == Optional.class
            && parameter.getGenericParameterType().getTypeName().equals("java.util.Optional<" + Actor.class.getName() + ">");
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        Optional<Actor> actor = auth != null && auth.getPrincipal() instanceof Actor a ? Optional.of(a) : Optional.empty();
        if (parameter.getParameterType() == Optional.class) return actor;
        return actor.orElseThrow(() -> new UnauthorizedException("Sign in first."));
    }
}
