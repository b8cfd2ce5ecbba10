package io.kizuna.media.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code media_uploads} table. */
@Repository
public class Uploads {
    public record UploadRow(String id, long uploaderId, String contentType, long bytes, int width, int height, String sha256,
                            String thumbnailKey, String thumbnailContentType, OffsetDateTime createdAt) {}

    private static final String COLUMNS = "id, uploader_id, content_type, bytes, width, height, sha256, thumbnail_key, "
        + "thumbnail_content_type, created_at";
    private final JdbcClient jdbc;

    Uploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UploadRow insert(String id, long uploaderId, String contentType, long bytes, int width, int height, String sha256,
                            String thumbnailKey, String thumbnailContentType) {
        return jdbc.sql("insert into media_uploads (id, uploader_id, content_type, bytes, width, height, sha256, thumbnail_key, "
                + "thumbnail_content_type) values (:id, :u, :type, :bytes, :w, :h, :sha, :thumb, :thumbType) returning " + COLUMNS)
            .param("id", id).param("u", uploaderId).param("type", contentType).param("bytes", bytes).param("w", width)
            .param("h", height).param("sha", sha256).param("thumb", thumbnailKey).param("thumbType", thumbnailContentType)
            .query(UploadRow.class).single();
    }

    public Optional<UploadRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from media_uploads where id = :id").param("id", id).query(UploadRow.class).optional();
    }

    /** A member's uploads, newest first. */
    public List<UploadRow> byUploader(long uploaderId) {
        return jdbc.sql("select " + COLUMNS + " from media_uploads where uploader_id = :u order by created_at desc, id")
            .param("u", uploaderId).query(UploadRow.class).list();
    }
}
