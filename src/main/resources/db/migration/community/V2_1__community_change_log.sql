-- community: a durable change log of threads, posts and spaces, written by triggers in the writing transaction.
-- Each app node reads it to keep its own search index current. txid lets readers take only changes of
-- transactions that have finished (below the snapshot's xmin), so a slow transaction is never skipped.
create table community_changes (
    id         bigint generated always as identity primary key,
    txid       bigint      not null default (pg_current_xact_id()::text::bigint),
    entity     text        not null check (entity in ('thread', 'post', 'space')),
    entity_id  bigint      not null,
    thread_id  bigint,
    created_at timestamptz not null default now()
);
create index community_changes_order on community_changes (txid, id);

create function community_log_thread_change() returns trigger language plpgsql as $$
begin
    insert into community_changes (entity, entity_id, thread_id) values ('thread', new.id, new.id);
    return new;
end $$;

create function community_log_post_change() returns trigger language plpgsql as $$
begin
    insert into community_changes (entity, entity_id, thread_id) values ('post', new.id, new.thread_id);
    return new;
end $$;

create function community_log_space_change() returns trigger language plpgsql as $$
begin
    insert into community_changes (entity, entity_id) values ('space', new.id);
    return new;
end $$;

-- counters and activity times change on every reply; only changes that matter to search are logged
create trigger community_threads_changed after insert or update of title, space_id, deleted_at, accepted_post_id, kind
    on community_threads for each row execute function community_log_thread_change();
create trigger community_posts_changed after insert or update of body, deleted_at
    on community_posts for each row execute function community_log_post_change();
create trigger community_spaces_changed after update of visibility on community_spaces
    for each row execute function community_log_space_change();
