-- Issue 12 part B (ADR 31): contacts belong to the organization, not to a chatbot. One person is one contact across
-- the organization's chatbots and channels; an identity (kind, value) belongs to at most one contact per organization.

-- The chatbot that first saw a contact (or an identity) is kept for "first seen by" and a chatbot's campaign
-- audience; deleting that chatbot no longer deletes the organization's contact.
alter table contacts alter column chatbot_id drop not null;
alter table contacts drop constraint contacts_chatbot_id_fkey;
alter table contacts add constraint contacts_chatbot_id_fkey
    foreign key (chatbot_id) references chatbots (id) on delete set null;
alter table contacts add column tier text not null default 'guest' check (tier in ('guest', 'standard', 'verified'));

alter table contact_identities drop constraint contact_identities_pkey;
alter table contact_identities alter column chatbot_id drop not null;
alter table contact_identities drop constraint contact_identities_chatbot_id_fkey;
alter table contact_identities add constraint contact_identities_chatbot_id_fkey
    foreign key (chatbot_id) references chatbots (id) on delete set null;

-- WhatsApp's wa_id is a phone number: kind phone, E.164 with '+'.
update contact_identities set kind = 'phone', value = '+' || value where kind = 'wa_id';
create index contact_identities_merge_idx on contact_identities (organization_id, kind, value);

-- Merge per-chatbot contacts of one organization that have the same phone number (the same number is the same
-- person); nothing else merges (a web chat session or a WhatsApp user id alone never does). The oldest contact
-- survives. Each pass merges at most one contact into each survivor, and only into a survivor that is not itself
-- merged away in that pass, so chains (A and B share one number, B and C another) collapse over a few passes.
create temporary table contact_merges (loser uuid primary key, survivor uuid not null) on commit drop;

do $$
begin
    loop
        truncate contact_merges;
        insert into contact_merges (loser, survivor)
        select distinct on (l.contact_id) l.contact_id, s.contact_id
        from contact_identities l
        join contact_identities s on s.organization_id = l.organization_id and s.kind = 'phone'
                                  and s.value = l.value and s.contact_id <> l.contact_id
        join contacts lc on lc.id = l.contact_id
        join contacts sc on sc.id = s.contact_id
        where l.kind = 'phone' and (sc.created_at, sc.id) < (lc.created_at, lc.id)
        order by l.contact_id, sc.created_at, sc.id;
        exit when not found;
        delete from contact_merges m where exists (select 1 from contact_merges o where o.loser = m.survivor);
        delete from contact_merges m
        where exists (select 1 from contact_merges o where o.survivor = m.survivor and o.loser < m.loser);

        -- Two contacts with a conversation on the same channel account would need their conversations merged too.
        -- That only happens when one chatbot's contact had two numbers; those stay apart, and the shared number
        -- stays with the older contact only.
        delete from contact_identities i using contact_merges m
        where i.contact_id = m.loser and i.kind = 'phone'
          and exists (select 1 from contact_identities o where o.contact_id = m.survivor and o.kind = 'phone'
                                                        and o.value = i.value)
          and exists (select 1 from conversations a join conversations b on b.channel_account_id = a.channel_account_id
                      where a.contact_id = m.loser and b.contact_id = m.survivor);
        delete from contact_merges m
        where exists (select 1 from conversations a join conversations b on b.channel_account_id = a.channel_account_id
                      where a.contact_id = m.loser and b.contact_id = m.survivor);

        update contacts s
        set display_name = case when l.last_seen_at > s.last_seen_at then coalesce(l.display_name, s.display_name)
                                else coalesce(s.display_name, l.display_name) end,
            variables = case when l.last_seen_at > s.last_seen_at then s.variables || l.variables
                             else l.variables || s.variables end,
            tags = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(s.tags || l.tags) t),
            last_seen_at = greatest(s.last_seen_at, l.last_seen_at)
        from contact_merges m join contacts l on l.id = m.loser
        where s.id = m.survivor;

        update contact_identities i set contact_id = m.survivor from contact_merges m
        where i.contact_id = m.loser
          and not exists (select 1 from contact_identities o where o.contact_id = m.survivor and o.kind = i.kind
                                                            and o.value = i.value);
        update conversations c set contact_id = m.survivor from contact_merges m where c.contact_id = m.loser;
        update sessions s set contact_id = m.survivor from contact_merges m where s.contact_id = m.loser;
        update usage_records u set contact_id = m.survivor from contact_merges m where u.contact_id = m.loser;
        update campaign_messages c set contact_id = m.survivor from contact_merges m
        where c.contact_id = m.loser
          and not exists (select 1 from campaign_messages o where o.campaign_id = c.campaign_id
                                                          and o.contact_id = m.survivor);
        delete from campaign_messages c using contact_merges m where c.contact_id = m.loser;
        insert into contact_usage_days (organization_id, contact_id, day, messages)
        select d.organization_id, m.survivor, d.day, d.messages
        from contact_usage_days d join contact_merges m on m.loser = d.contact_id
        on conflict (contact_id, day) do update set messages = contact_usage_days.messages + excluded.messages;
        delete from contact_usage_days d using contact_merges m where d.contact_id = m.loser;
        -- A contact has at most one lead (V19): the merged contact keeps the one touched last; the other stays in
        -- the organization's lead list without a contact.
        update leads l set contact_id = null
        from contact_merges m
        where l.contact_id in (m.loser, m.survivor)
          and exists (select 1 from leads newer where newer.contact_id in (m.loser, m.survivor)
                                                and (newer.updated_at, newer.id) > (l.updated_at, l.id));
        update leads l set contact_id = m.survivor from contact_merges m where l.contact_id = m.loser;

        delete from contacts c using contact_merges m where c.id = m.loser;
    end loop;
end $$;

-- A WhatsApp user id (or any other id) that two unmerged contacts share stays with the older one.
delete from contact_identities i
using contact_identities o, contacts oc, contacts ic
where o.organization_id = i.organization_id and o.kind = i.kind and o.value = i.value
  and o.contact_id <> i.contact_id and oc.id = o.contact_id and ic.id = i.contact_id
  and (oc.created_at, oc.id) < (ic.created_at, ic.id);

drop index contact_identities_merge_idx;
alter table contact_identities add primary key (organization_id, kind, value);

-- WhatsApp proved its numbers and user ids; a web chat session alone is a guest.
update contacts c set tier = 'verified'
where exists (select 1 from contact_identities i where i.contact_id = c.id and i.kind in ('phone', 'bsuid'));

create index contacts_organization_idx on contacts (organization_id, id);

-- Tools a chatbot offers may require a minimum contact tier; below it the model gets a refusal as the tool's result.
create table chatbot_tool_tiers (
    chatbot_id       uuid not null references chatbots (id) on delete cascade,
    organization_id  uuid not null references organizations (id) on delete cascade,
    tool             text not null,
    min_tier         text not null check (min_tier in ('guest', 'standard', 'verified')),
    primary key (chatbot_id, tool)
);

-- A contact's conversations across chatbots (the contacts API, merges, the deletion rule below).
create index conversations_contact_idx on conversations (contact_id);

-- Deleting a chatbot takes the contacts only it knew: those it talked with or first saw that no other chatbot of the
-- organization has a conversation with. Contacts other chatbots use stay (ADR 31, ADR 33). A trigger keeps
-- "one delete, the rest by the database" true for chatbots and, through their cascade, organizations.
create function delete_contacts_only_this_chatbot_knew() returns trigger language plpgsql as $$
begin
    -- The organization itself is going (its cascade reached this chatbot): it takes every contact anyway, and
    -- deleting some here first would touch rows of the organization being deleted.
    if not exists (select 1 from organizations where id = old.organization_id) then
        return old;
    end if;
    delete from contacts c
    where c.organization_id = old.organization_id
      and (c.chatbot_id = old.id
           or exists (select 1 from conversations v where v.contact_id = c.id and v.chatbot_id = old.id))
      and not exists (select 1 from conversations v where v.contact_id = c.id and v.chatbot_id <> old.id);
    return old;
end $$;
create trigger chatbots_take_their_own_contacts before delete on chatbots
    for each row execute function delete_contacts_only_this_chatbot_knew();
