-- A lead belongs to the contact whose conversation captured it (ADR 25). The lead tools find it by the contact,
-- never by a phone number the model passes, so one person's lead cannot be read or changed from another
-- conversation. Two contacts may give the same number: each keeps a lead of its own.
alter table leads drop constraint leads_organization_id_phone_key;

-- Under the old rule a contact could have touched several leads (one per number it captured). It keeps the one it
-- touched last; the others stay in the organization's lead list without a contact, out of the tools' reach.
update leads l set contact_id = null
where l.contact_id is not null
  and exists (select 1 from leads newer
              where newer.contact_id = l.contact_id
                and (newer.updated_at, newer.id) > (l.updated_at, l.id));

create unique index leads_contact_idx on leads (contact_id) where contact_id is not null;
create index leads_organization_idx on leads (organization_id, created_at desc);
