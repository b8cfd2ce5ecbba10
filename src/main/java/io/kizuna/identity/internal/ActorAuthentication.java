package io.kizuna.identity.internal;

import io.kizuna.shared.Actor;
import java.io.Serial;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A signed-in member inside Spring Security; its name is the member id (sessions are indexed by it). */
public final class ActorAuthentication extends AbstractAuthenticationToken {
    @Serial private static final long serialVersionUID = 1L;
    private final Actor actor;

    public ActorAuthentication(Actor actor) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
        this.actor = actor;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Actor getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.id().toString();
    }
}
