--liquibase formatted sql

--changeset vocelio:024-contacts-updated-idx
-- A filtered page deep in a list seeks from anchors kept per filter; what a search, a phone type or tags match
-- changes only when a contact is written, so the anchors hold while the organization's latest updated_at stays.
-- This index makes that latest one probe instead of a scan of the organization's contacts.
create index contacts_tenant_updated_idx on contacts (tenant_id, updated_at);
--rollback drop index contacts_tenant_updated_idx;

--changeset vocelio:024-contact-import-chunks
-- An upload is stored as it arrives, a megabyte a row, and read back the same way by whichever node runs or resumes
-- its import: neither the request nor the run holds the whole file in memory. Uploads stored whole in
-- contact_imports.content by earlier versions become their job's first and only chunk.
create table contact_import_chunks (
    import_id uuid    not null references contact_imports (id) on delete cascade,
    seq       integer not null,
    tenant_id uuid    not null references organizations (id),
    bytes     bytea   not null,
    primary key (import_id, seq)
);
insert into contact_import_chunks (import_id, seq, tenant_id, bytes)
select id, 0, tenant_id, content from contact_imports where content is not null and length(content) > 0;
update contact_imports set content = null where content is not null;
--rollback drop table contact_import_chunks;
