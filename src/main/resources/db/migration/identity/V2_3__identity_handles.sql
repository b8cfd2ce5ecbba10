-- identity: every member has a handle (@name) that mentions use; unique regardless of case among live accounts.
alter table identity_users add column handle text;
update identity_users set handle = 'member' || id where handle is null;
create unique index identity_users_handle on identity_users (lower(handle)) where erased_at is null;
