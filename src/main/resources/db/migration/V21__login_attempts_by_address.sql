-- Issue 11: the login throttle counts per source address too (across emails), and each attempt is reserved under a
-- lock before its password is checked, so concurrent attempts cannot all pass the count. A reserved attempt is a
-- failure until the password proves right (then the email's failures from that address are forgotten).
alter table login_failures add column source_address text;

create index login_failures_address on login_failures (source_address, failed_at) where source_address is not null;
