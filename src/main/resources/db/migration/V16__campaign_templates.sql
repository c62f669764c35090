-- Campaigns can send an approved template instead of a text (issue 6 §9, ADR 23): exactly one of the two is stored.
-- The template is {"name", "language", "parameters"}, as delivery.OutboundContent.Template reads it.
alter table campaigns alter column text drop not null;
alter table campaigns add column template jsonb;
alter table campaigns add constraint campaigns_one_content_check check ((text is null) <> (template is null));
