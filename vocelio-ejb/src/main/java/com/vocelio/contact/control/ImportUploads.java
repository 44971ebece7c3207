package com.vocelio.contact.control;

import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * An import's upload in the database, {@value #CHUNK} bytes a row ({@code contact_import_chunks}): stored while it is
 * read from the request and read back a chunk at a time by the run, on any node. Memory stays at one chunk whatever
 * the file's size, and a node that resumes a job another started finds the whole file.
 */
@Dependent
public class ImportUploads {

    public static final int CHUNK = 1 << 20;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    /**
     * Stores {@code head} followed by the rest of {@code rest}, in the caller's transaction.
     *
     * @return the upload's size in bytes
     */
    public long store(String importId, byte[] head, InputStream rest) {
        byte[] buffer = Arrays.copyOf(head, Math.max(CHUNK, head.length));
        int filled = head.length;
        long size = 0;
        int seq = 0;
        try {
            while (true) {
                filled += rest.readNBytes(buffer, filled, buffer.length - filled);
                if (filled == 0) {
                    return size;
                }
                insert(importId, seq++, filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled));
                size += filled;
                if (filled < buffer.length) {
                    return size; // the stream ended inside this chunk
                }
                filled = 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chunk, or null past the last one. */
    public byte[] chunk(String importId, int seq) {
        List<?> rows = Sql.of(
                        em,
                        "select bytes from contact_import_chunks where tenant_id = cast(?1 as uuid)"
                                + " and import_id = cast(?2 as uuid) and seq = ?3")
                .setParameter(1, tenant.id())
                .setParameter(2, importId)
                .setParameter(3, seq)
                .getResultList();
        return rows.isEmpty() ? null : (byte[]) rows.get(0);
    }

    /** The upload is no longer needed (its rows are contacts, or the job failed). */
    public void forget(String importId) {
        Sql.of(
                        em,
                        "delete from contact_import_chunks where tenant_id = cast(?1 as uuid)"
                                + " and import_id = cast(?2 as uuid)")
                .setParameter(1, tenant.id())
                .setParameter(2, importId)
                .executeUpdate();
    }

    private void insert(String importId, int seq, byte[] bytes) {
        Sql.of(
                        em,
                        "insert into contact_import_chunks (import_id, seq, tenant_id, bytes)"
                                + " values (cast(?1 as uuid), ?2, cast(?3 as uuid), ?4)")
                .setParameter(1, importId)
                .setParameter(2, seq)
                .setParameter(3, tenant.id())
                .setParameter(4, bytes)
                .executeUpdate();
    }
}
