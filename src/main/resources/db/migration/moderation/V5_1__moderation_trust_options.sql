-- moderation: trust levels (activity signals, computed and overridden levels, thresholds), days visited, weighted
-- reports, site options, and community content held pending review after weighted flags ('flagged').

create table moderation_visits (
    user_id bigint not null,
    day     date   not null,
    primary key (user_id, day)
);

-- one row per member who ever visited; the recompute job claims the stalest rows with SKIP LOCKED
create table moderation_trust (
    user_id          bigint primary key,
    computed_level   smallint    not null default 0 check (computed_level between 0 and 4),
    override_level   smallint check (override_level between 0 and 4),
    override_note    text,
    override_by      bigint,
    days_visited     int         not null default 0,
    posts_read       int         not null default 0,
    posts_made       int         not null default 0,
    likes_received   int         not null default 0,
    last_sanction_at timestamptz,
    computed_at      timestamptz not null default '-infinity',
    level_changed_at timestamptz
);
create index moderation_trust_stale on moderation_trust (computed_at);

-- what a member needs for each level (and every level below it); 0 means no requirement
create table moderation_trust_thresholds (
    level              smallint primary key check (level between 1 and 4),
    days_visited       int not null check (days_visited >= 0),
    posts_read         int not null check (posts_read >= 0),
    posts_made         int not null check (posts_made >= 0),
    likes_received     int not null check (likes_received >= 0),
    sanction_free_days int not null check (sanction_free_days >= 0)
);
insert into moderation_trust_thresholds values
    (1, 1, 30, 0, 0, 0),
    (2, 15, 100, 3, 1, 0),
    (3, 50, 500, 10, 20, 90),
    (4, 100, 2000, 50, 100, 180);

alter table moderation_reports add column weight int not null default 1;
alter table moderation_cases add column flag_weight int not null default 0;
update moderation_cases set flag_weight = report_count;

-- site options set by owners and admins; a null column means the built-in default
create table moderation_options (
    id                     boolean primary key default true check (id),
    first_response_minutes int check (first_response_minutes between 1 and 10080),
    flag_hold_weight       int check (flag_hold_weight between 0 and 1000),
    bias_alert_share       numeric(4, 3) check (bias_alert_share > 0 and bias_alert_share <= 1),
    bias_min_members       int check (bias_min_members between 1 and 100000),
    unanswered_hours       int check (unanswered_hours between 1 and 8760),
    quiet_drop_percent     int check (quiet_drop_percent between 1 and 100),
    updated_by             bigint,
    updated_at             timestamptz
);
insert into moderation_options (id) values (true);
insert into moderation_versions values ('options', 0);

-- content hidden pending review because weighted community flags reached the threshold (it was published before,
-- so restoring it does not announce it again, unlike 'held')
alter table community_threads drop constraint community_threads_moderation_check,
    add constraint community_threads_moderation_check check (moderation in ('hidden', 'held', 'flagged'));
alter table community_posts drop constraint community_posts_moderation_check,
    add constraint community_posts_moderation_check check (moderation in ('hidden', 'held', 'flagged'));
