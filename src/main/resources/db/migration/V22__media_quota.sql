-- Issue 11: an organization's stored inbound media has a quota, as plan data with a per-organization override
-- (null = unlimited on a plan, = the plan's value on an override). A download that would pass it is not done, nor is
-- the download of a message over an inbound rate limit: such media rows end 'skipped' with the reason in error_code
-- ('quota_exceeded', 'throttled').
alter table plans add column max_media_bytes bigint check (max_media_bytes >= 0);
update plans set max_media_bytes = 524288000 where name = 'free';          -- 500 MB
update plans set max_media_bytes = 5368709120 where name = 'starter';      -- 5 GB
update plans set max_media_bytes = 53687091200 where name = 'pro';         -- 50 GB

alter table organization_limits add column max_media_bytes bigint check (max_media_bytes >= 0);

alter table media_objects drop constraint media_objects_status_check;
alter table media_objects add constraint media_objects_status_check
    check (status in ('pending', 'stored', 'failed', 'skipped'));

-- The quota check sums an organization's stored bytes from the index alone.
create index media_objects_stored_bytes_idx on media_objects (organization_id) include (size_bytes)
    where status = 'stored';
