/** Image attachments: uploads checked by their bytes, stripped of location data, thumbnailed, kept in a {@link io.kizuna.media.BlobStore} and served by unguessable id. */
package io.kizuna.media;
