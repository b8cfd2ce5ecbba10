package io.kizuna.community.internal;

import java.util.Collection;
import java.util.Map;

/** Finds the members behind @handles, so a mention links only when the member exists. */
@FunctionalInterface
public interface MentionDirectory {
    MentionDirectory NONE = handles -> Map.of();

    /** Member ids by handle in lower case; unknown handles are left out. */
    Map<String, Long> resolve(Collection<String> handles);
}
