package io.kizuna.media;

import io.kizuna.media.internal.ImageInspector;
import io.kizuna.media.internal.Thumbnailer;
import io.kizuna.media.internal.Uploads;
import io.kizuna.media.internal.Uploads.UploadRow;
import io.kizuna.platform.RateLimiter;
import io.kizuna.shared.Actor;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.PayloadTooLargeException;
import io.kizuna.shared.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Image uploads: members send JPEG, PNG, WebP or GIF images up to 10 MB; Kizuna checks them by their bytes, strips
 * location metadata, makes a thumbnail and serves both at unguessable URLs ({@code /media/{id}}) that anyone holding
 * the URL may read, as images in public and private posts alike are (Discourse's default, too).
 */
@Service
public class MediaManagement {
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int UPLOADS_PER_MINUTE = 30;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{24}");
    private static final String THUMBNAIL_SUFFIX = "-thumb";

    private final Uploads uploads;
    private final BlobStore blobs;
    private final ImageInspector inspector;
    private final Thumbnailer thumbnailer;
    private final RateLimiter limiter;
    private final SecureRandom random = new SecureRandom();
    // decoding and scaling are CPU- and memory-heavy: no more at once than there are cores, the rest wait their turn
    private final Semaphore decoding = new Semaphore(Runtime.getRuntime().availableProcessors());

    MediaManagement(Uploads uploads, BlobStore blobs, ImageInspector inspector, Thumbnailer thumbnailer, RateLimiter limiter) {
        this.uploads = uploads;
        this.blobs = blobs;
        this.inspector = inspector;
        this.thumbnailer = thumbnailer;
        this.limiter = limiter;
    }

    /** Where an upload's bytes come from; opened only after the rate limit has let the upload through. */
    @FunctionalInterface
    public interface UploadSource {
        InputStream open() throws IOException;
    }

    /** Checks, strips and stores an image: 413 over 10 MB, 415 when it is no image we take, 422 when it has too many pixels. */
    public UploadView upload(Actor actor, UploadSource source) {
        limiter.acquire("upload", actor.id().toString(), UPLOADS_PER_MINUTE, Duration.ofMinutes(1));
        var prepared = prepare(readAtMost(source, MAX_BYTES));
        var image = prepared.image();
        String id = newId();
        String thumbnailKey = prepared.thumbnail().isPresent() ? id + THUMBNAIL_SUFFIX : id;
        try {
            blobs.put(id, image.bytes(), image.format().contentType());
            prepared.thumbnail().ifPresent(t -> blobs.put(thumbnailKey, t.bytes(), t.contentType()));
            // the row comes last: it never points at bytes that are not there
            return view(uploads.insert(id, actor.id().value(), image.format().contentType(), image.bytes().length,
                image.displayWidth(), image.displayHeight(), sha256(image.bytes()), thumbnailKey, prepared.thumbnailType()));
        } catch (RuntimeException e) {
            blobs.delete(id);
            blobs.delete(thumbnailKey);
            throw e;
        }
    }

    /** The original as uploaded (less its location metadata); 404 for an unknown id. */
    public MediaFile original(String id) {
        var row = require(id);
        return new MediaFile(row.id(), row.contentType(), row.sha256());
    }

    public MediaFile thumbnail(String id) {
        var row = require(id);
        return new MediaFile(row.thumbnailKey(), row.thumbnailContentType(), row.sha256() + THUMBNAIL_SUFFIX);
    }

    /** The bytes of a file; the caller closes them. */
    public BlobStore.Blob open(MediaFile file) {
        return blobs.get(file.blobKey()).orElseThrow(() -> new NotFoundException("No such media."));
    }

    /** The upload, when {@code id} names one that {@code member} made (for content that attaches a member's own images). */
    public Optional<UploadView> ownUpload(UserId member, String id) {
        if (id == null || !ID.matcher(id).matches()) return Optional.empty();
        return uploads.find(id).filter(r -> r.uploaderId() == member.value()).map(MediaManagement::view);
    }

    /** A member's uploads, newest first, for their personal-data export. */
    public List<UploadView> uploadsOf(UserId member) {
        return uploads.byUploader(member.value()).stream().map(MediaManagement::view).toList();
    }

    private record Prepared(ImageInspector.Inspected image, Optional<Thumbnailer.Thumbnail> thumbnail) {
        String thumbnailType() {
            return thumbnail.map(Thumbnailer.Thumbnail::contentType).orElse(image.format().contentType());
        }
    }

    private Prepared prepare(byte[] bytes) {
        decoding.acquireUninterruptibly();
        try {
            var image = inspector.inspect(bytes);
            return new Prepared(image, thumbnailer.of(image));
        } finally {
            decoding.release();
        }
    }

    private UploadRow require(String id) {
        if (id == null || !ID.matcher(id).matches()) throw new NotFoundException("No such media.");
        return uploads.find(id).orElseThrow(() -> new NotFoundException("No such media."));
    }

    private static UploadView view(UploadRow row) {
        String url = "/media/" + row.id();
        return new UploadView(row.id(), url, url + "/thumb", row.contentType(), row.width(), row.height(), row.bytes());
    }

    /** 144 random bits: the URL is the only key to an image, so it must not be guessable. */
    private String newId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] readAtMost(UploadSource source, long max) {
        try (var in = source.open()) {
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) throw new PayloadTooLargeException(max);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
