package io.kizuna.media.web;

import io.kizuna.media.MediaManagement;
import io.kizuna.media.UploadView;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartRequest;

/** Image uploads for posts: multipart with a {@code file} part, or the image itself as the body. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Media")
class UploadApiController {
    private static final String LIMITS = "Signed-in members. JPEG, PNG, WebP or GIF, judged by the bytes (not the name or declared type), "
        + "up to 10 MB and 10000 px a side / 40 megapixels; GPS and XMP metadata are removed. "
        + "413 when larger, 415 for anything else, 422 for too many pixels, 429 after 30 uploads a minute.";
    private final MediaManagement media;

    UploadApiController(MediaManagement media) {
        this.media = media;
    }

    /** The multipart form as the API documentation shows it. */
    record FilePart(@Schema(type = "string", format = "binary") String file) {}

    @PostMapping(path = "/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload an image: multipart/form-data with a `file` part, or the image itself as the body",
        description = LIMITS, requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = FilePart.class)),
            @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary"))}),
        responses = @ApiResponse(responseCode = "201", description = "Stored; Location is the image's URL",
            content = @Content(schema = @Schema(implementation = UploadView.class))))
    ResponseEntity<UploadView> uploadForm(@Parameter(hidden = true) Actor actor, @Parameter(hidden = true) MultipartRequest request) {
        return created(media.upload(actor, () -> {
            var file = request.getFile("file");
            if (file == null) throw new InvalidInputException("file", "validation.required");
            return file.getInputStream();
        }));
    }

    @PostMapping(path = "/uploads", consumes = {"image/*", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(hidden = true) // documented with the multipart form above: one path, one operation
    ResponseEntity<UploadView> uploadBody(Actor actor, HttpServletRequest request) {
        return created(media.upload(actor, request::getInputStream));
    }

    private static ResponseEntity<UploadView> created(UploadView upload) {
        return ResponseEntity.created(URI.create(upload.url())).body(upload);
    }
}
