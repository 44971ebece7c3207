--liquibase formatted sql

--changeset vocelio:018-contact-tallies splitStatements:false
-- What a page's totalCount/totalPages and the guide's filters block need (contacts by status, for the organization
-- and for each list) without counting a million rows per request. Kept as deltas, one row per changing statement,
-- inserted by statement triggers: writers never queue on one hot counter row (imports, creates and bulk operations
-- of one organization run side by side), a read sums a handful of rows, and the import sweep folds them into one
-- row per scope now and then (ContactTallies.fold). list_id null = the whole organization.
-- seq orders the deltas: the highest in a scope tells whether its rows may have moved since it was last read (the
-- page anchors of ContactReads are rebuilt when it changed).
create table contact_tallies (
    seq       bigserial primary key,
    tenant_id uuid   not null references organizations (id),
    list_id   uuid references contact_lists (id) on delete cascade,
    active    bigint not null,
    inactive  bigint not null
);
create index contact_tallies_scope_idx on contact_tallies (tenant_id, list_id, seq);

create function contact_tallies_contacts_added() returns trigger language plpgsql as $$
begin
    insert into contact_tallies (tenant_id, list_id, active, inactive)
    select tenant_id, null, count(*) filter (where status = 'active'), count(*) filter (where status <> 'active')
    from added group by tenant_id;
    return null;
end $$;

create function contact_tallies_contacts_removed() returns trigger language plpgsql as $$
begin
    insert into contact_tallies (tenant_id, list_id, active, inactive)
    select tenant_id, null, -count(*) filter (where status = 'active'), -count(*) filter (where status <> 'active')
    from removed group by tenant_id;
    return null;
end $$;

-- A trigger's transition table has no statistics: joined to a million-row table the planner may hash that whole
-- table. Lookups here go through scalar subqueries and "offset 0" laterals, which are never flattened into a join,
-- so each changed row is one index probe whatever the table's size.

-- a status change moves the contact between the counts of the organization and of every list it is on
create function contact_tallies_contacts_changed() returns trigger language plpgsql as $$
begin
    with moved as (
        select n.tenant_id, n.id, case when n.status = 'active' then 1 else -1 end as d
        from changed n join previous o on o.id = n.id
        where (n.status = 'active') <> (o.status = 'active'))
    insert into contact_tallies (tenant_id, list_id, active, inactive)
    select tenant_id, null, sum(d), -sum(d) from moved group by tenant_id
    union all
    select m.tenant_id, m.list_id, sum(d), -sum(d)
    from moved cross join lateral (select tenant_id, list_id from contact_list_memberships
                                   where contact_id = moved.id offset 0) m
    group by m.tenant_id, m.list_id;
    return null;
end $$;

create function contact_tallies_members_added() returns trigger language plpgsql as $$
begin
    insert into contact_tallies (tenant_id, list_id, active, inactive)
    select tenant_id, list_id, count(*) filter (where status = 'active'), count(*) filter (where status <> 'active')
    from (select a.tenant_id, a.list_id, (select c.status from contacts c where c.id = a.contact_id) as status
          from added a) s
    group by tenant_id, list_id;
    return null;
end $$;

-- a membership removed with its contact (on delete cascade) was counted off by the contact's own row trigger below,
-- which still sees the contact's status; one removed with its list needs no count any more
create function contact_tallies_members_removed() returns trigger language plpgsql as $$
begin
    insert into contact_tallies (tenant_id, list_id, active, inactive)
    select tenant_id, list_id, -count(*) filter (where status = 'active'), -count(*) filter (where status <> 'active')
    from (select r.tenant_id, r.list_id, (select c.status from contacts c where c.id = r.contact_id) as status,
                 exists (select 1 from contact_lists l where l.id = r.list_id) as listed
          from removed r) s
    where status is not null and listed
    group by tenant_id, list_id;
    return null;
end $$;

create function contact_tallies_contact_leaves_lists() returns trigger language plpgsql as $$
begin
    insert into contact_tallies (tenant_id, list_id, active, inactive)
    select m.tenant_id, m.list_id, case when old.status = 'active' then -1 else 0 end,
           case when old.status = 'active' then 0 else -1 end
    from contact_list_memberships m where m.contact_id = old.id;
    return old;
end $$;

create trigger contact_tallies_contacts_added after insert on contacts
    referencing new table as added for each statement execute function contact_tallies_contacts_added();
create trigger contact_tallies_contacts_removed after delete on contacts
    referencing old table as removed for each statement execute function contact_tallies_contacts_removed();
create trigger contact_tallies_contacts_changed after update on contacts
    referencing new table as changed old table as previous
    for each statement execute function contact_tallies_contacts_changed();
create trigger contact_tallies_members_added after insert on contact_list_memberships
    referencing new table as added for each statement execute function contact_tallies_members_added();
create trigger contact_tallies_members_removed after delete on contact_list_memberships
    referencing old table as removed for each statement execute function contact_tallies_members_removed();
create trigger contact_tallies_contact_leaves_lists before delete on contacts
    for each row execute function contact_tallies_contact_leaves_lists();

-- what is there already
insert into contact_tallies (tenant_id, list_id, active, inactive)
select tenant_id, null, count(*) filter (where status = 'active'), count(*) filter (where status <> 'active')
from contacts group by tenant_id;
insert into contact_tallies (tenant_id, list_id, active, inactive)
select m.tenant_id, m.list_id, count(*) filter (where c.status = 'active'), count(*) filter (where c.status <> 'active')
from contact_list_memberships m join contacts c on c.id = m.contact_id group by m.tenant_id, m.list_id;
--rollback drop table contact_tallies; drop function contact_tallies_contacts_added(); drop function contact_tallies_contacts_removed(); drop function contact_tallies_contacts_changed(); drop function contact_tallies_members_added(); drop function contact_tallies_members_removed(); drop function contact_tallies_contact_leaves_lists();

--changeset vocelio:018-contact-imports-sweep
-- the import sweep looks for runs that stopped beating (or never started) across organizations
create index contact_imports_unfinished_idx on contact_imports (heartbeat_at) where status in ('pending', 'processing');
