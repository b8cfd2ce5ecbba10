/** Image inspection, metadata stripping, thumbnails, the filesystem blob store and the {@code media_uploads} table. */
package io.kizuna.media.internal;
