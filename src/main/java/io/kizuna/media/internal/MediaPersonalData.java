package io.kizuna.media.internal;

import io.kizuna.identity.PersonalDataContributor;
import io.kizuna.media.MediaManagement;
import io.kizuna.shared.UserId;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A member's uploads in their personal-data export (APPI); the images themselves are at the listed URLs. */
@Component
class MediaPersonalData implements PersonalDataContributor {
    private final MediaManagement media;

    MediaPersonalData(MediaManagement media) {
        this.media = media;
    }

    @Override
    public String section() {
        return "uploads";
    }

    @Override
    public Map<String, Object> export(UserId member) {
        return Map.of("items", media.uploadsOf(member));
    }
}
