--liquibase formatted sql

--changeset vocelio:039-contact-tally-reads splitStatements:false
-- An organization's tallies by scope (its contacts, each list): the sum of the scope's deltas, the highest delta
-- number and how many there are, read through the tally index whatever the table's size. contact_tallies holds a few
-- rows a scope, but a burst of deltas leaves it large on disk: deleting a million contacts of a list writes a delta per
-- membership (the per-row trigger of changeset 018), which the sweep folds and vacuum clears, and neither gives the
-- space back. Measured after that, with 293 rows in 81 MB of heap and 101 MB of index: the planner priced the index by
-- its size and read the whole heap instead, 52 ms for every page count and list size; through the index 0.6 ms.
create function contact_tally_scopes(p_tenant uuid)
returns table (list_id uuid, active bigint, inactive bigint, last_seq bigint, deltas bigint)
language sql stable set enable_seqscan = off as $$
    select t.list_id, cast(sum(t.active) as bigint), cast(sum(t.inactive) as bigint), max(t.seq), count(*)
    from contact_tallies t where t.tenant_id = p_tenant group by t.list_id
$$;
--rollback drop function contact_tally_scopes(uuid);

--changeset vocelio:039-contact-tally-of-one-scope splitStatements:false
-- One scope's tally (a list's, or with no list the organization's), as a page count asks for it on every request: the
-- scope's own index range, not every scope of the organization summed and filtered (an organization with a thousand
-- lists has a thousand folded rows).
create function contact_tally(p_tenant uuid, p_list uuid)
returns table (active bigint, inactive bigint, generation text)
language plpgsql stable set enable_seqscan = off as $$
begin
    if p_list is null then
        return query
        select cast(coalesce(sum(t.active), 0) as bigint), cast(coalesce(sum(t.inactive), 0) as bigint),
               coalesce(max(t.seq), 0) || ':' || count(*)
        from contact_tallies t where t.tenant_id = p_tenant and t.list_id is null;
    else
        return query
        select cast(coalesce(sum(t.active), 0) as bigint), cast(coalesce(sum(t.inactive), 0) as bigint),
               coalesce(max(t.seq), 0) || ':' || count(*)
        from contact_tallies t where t.tenant_id = p_tenant and t.list_id = p_list;
    end if;
end
$$;
--rollback drop function contact_tally(uuid, uuid);
