package io.kizuna.identity;

import io.kizuna.shared.UserId;
import java.util.Map;

/** A module's share of a member's personal-data export (APPI): a section name and plain JSON-able data. */
public interface PersonalDataContributor {
    String section();

    Map<String, Object> export(UserId member);
}
