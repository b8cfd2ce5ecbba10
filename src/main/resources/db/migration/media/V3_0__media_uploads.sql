-- media: uploaded images. The bytes live in the blob store (KIZUNA_DATA_DIR/uploads by default) under the id and the
-- thumbnail key; this table says what they are and who sent them.
create table media_uploads (
    id                     text        primary key,  -- 144 random bits, URL-safe base64: the public URL is the capability
    uploader_id            bigint      not null,
    content_type           text        not null check (content_type in ('image/jpeg', 'image/png', 'image/gif', 'image/webp')),
    bytes                  bigint      not null check (bytes > 0),
    width                  int         not null check (width > 0),
    height                 int         not null check (height > 0),
    sha256                 text        not null,
    thumbnail_key          text        not null,  -- the id itself when the image is small enough to be its own thumbnail
    thumbnail_content_type text        not null,
    created_at             timestamptz not null default now()
);
create index media_uploads_uploader on media_uploads (uploader_id, created_at desc);
