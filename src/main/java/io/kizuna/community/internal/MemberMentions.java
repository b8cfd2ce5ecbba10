package io.kizuna.community.internal;

import io.kizuna.identity.IdentityManagement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The mention directory over identity's handles. */
@Component
class MemberMentions implements MentionDirectory {
    private final IdentityManagement identity;

    MemberMentions(IdentityManagement identity) {
        this.identity = identity;
    }

    @Override
    public Map<String, Long> resolve(Collection<String> handles) {
        var ids = new HashMap<String, Long>();
        identity.idsByHandles(handles).forEach((handle, id) -> ids.put(handle, id.value()));
        return ids;
    }
}
