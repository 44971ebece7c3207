package com.vocelio.contact.boundary;

import com.vocelio.contact.control.ImportBatches;
import com.vocelio.contact.control.ImportUploads;
import com.vocelio.contact.entity.Contact;
import com.vocelio.contact.entity.ContactImport;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The steps of an import run, each its own short transaction: take the job, write a batch with the job's counters
 * and checkpoint (so what is committed is always consistent, and a dead run is resumed from the checkpoint), finish
 * or fail it. Two batches may be written at once, but each commits after the one before it, so checkpoints only
 * move forward over rows that are in. Each step raises its {@code import_progress} event in its own commit, so the events go out in order.
 */
@Stateless
@UnitOfWork
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ImportSteps {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    Clock clock;

    @Inject
    ImportBatches batches;

    @Inject
    ImportUploads uploads;

    /**
     * Takes the job when it is pending, or processing without a heartbeat for {@code staleAfter} (its run died).
     *
     * @return the job, or empty when another run has it or it is finished
     */
    public Optional<ContactImport> claim(String jobId, Duration staleAfter) {
        var now = Clocks.now(clock);
        int claimed = Sql.of(
                        em,
                        "update contact_imports set status = 'processing', heartbeat_at = cast(?3 as timestamptz),"
                                + " started_at = coalesce(started_at, cast(?3 as timestamptz))"
                                + " where tenant_id = cast(?1 as uuid) and id = cast(?2 as uuid) and (status = 'pending'"
                                + " or status = 'processing' and heartbeat_at < cast(?4 as timestamptz))")
                .setParameter(1, tenant.id())
                .setParameter(2, jobId)
                .setParameter(3, now.toString())
                .setParameter(4, now.minus(staleAfter).toString())
                .executeUpdate();
        if (claimed == 0) {
            return Optional.empty();
        }
        var job = em.find(ContactImport.class, jobId);
        em.refresh(job);
        return Optional.of(job);
    }

    /** One chunk of the job's upload (null past the last), read in a transaction of its own. */
    public byte[] chunk(String jobId, int seq) {
        return uploads.chunk(jobId, seq);
    }

    public void step(
            String jobId,
            List<Contact> contacts,
            ContactImport.Step counted,
            JsonArray refused,
            long rowsDone,
            int progress,
            boolean merge,
            String userId,
            Future<?> before) {
        var job = em.find(ContactImport.class, jobId);
        var now = Clocks.now(clock);
        var written = batches.write(contacts, merge, job.listId().orElse(null), userId, now);
        // the batch before this one may still be in flight: the job moves on (and this commits) only after it did
        if (before != null) {
            awaitCommitted(before);
            em.refresh(job);
        }
        var step = new ContactImport.Step(
                counted.rows(),
                counted.valid(),
                counted.invalid(),
                counted.inFileDuplicates(),
                written.created(),
                written.existing());
        job.advance(step, merge, refused, rowsDone, progress, now);
    }

    private static void awaitCommitted(Future<?> before) {
        try {
            before.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the batch before this one failed: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the batch before this one was written", e);
        }
    }

    /** After the last batch: its rows into the search index proper (see {@link ImportBatches#settleSearchIndex}). */
    public void settleSearchIndex() {
        batches.settleSearchIndex();
    }

    public void complete(String jobId) {
        em.find(ContactImport.class, jobId).complete(Clocks.now(clock));
        forget(jobId); // the rows are contacts now
    }

    private void forget(String jobId) {
        uploads.forget(jobId);
    }

    /**
     * The run stopped. A refusal of the file itself ends the job; anything else (the database away, the node going
     * down) leaves it processing, to be resumed from its checkpoint once its heartbeat is stale.
     */
    public void stopped(String jobId, String reason, boolean final_) {
        var job = em.find(ContactImport.class, jobId);
        if (job == null || job.isFinished()) {
            return;
        }
        if (final_) {
            job.fail(reason, Clocks.now(clock));
            forget(jobId);
        } else {
            job.stall(reason);
        }
    }
}
