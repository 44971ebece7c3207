package com.vocelio.contact.boundary;

import com.vocelio.contact.control.ContactCsv;
import com.vocelio.contact.control.ImportUploads;
import com.vocelio.contact.entity.ContactImport;
import com.vocelio.contact.entity.ContactList;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.AfterCommit;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CSV imports of the caller's organization, run as jobs off the request: an upload is checked (not empty, a header
 * with a phone column, readable options, a list of this organization), stored as a pending job, and handed to the
 * managed executor once that is committed; {@link ContactImportRuns} does the work.
 */
@Stateless
@UnitOfWork
public class ContactImports {

    private static final Logger LOG = Logger.getLogger(ContactImports.class.getName());

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CurrentTenant tenant;

    @Inject
    ContactLists lists;

    @Inject
    ContactImportRuns runs;

    @Inject
    ImportSteps steps;

    @Inject
    ImportUploads uploads;

    @Inject
    @ConfigProperty(name = "vocelio.contacts.import.stale-after", defaultValue = "PT60S")
    Duration staleAfter;

    @Inject
    AfterCommit afterCommit;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    /** Stores the upload as it is read (a chunk at a time, never whole) with a pending job, all or nothing. */
    public ContactImport accept(String filename, InputStream content, ImportOptions options, String userId) {
        byte[] head = head(content);
        if (head.length == 0) {
            throw BusinessException.invalid("file", "is empty: a header line and at least one row are needed");
        }
        ContactCsv.layout(head, options.csv()); // an unusable header is the uploader's 400, not a failed job
        String listId = list(options, userId);
        var job = new ContactImport(
                filename == null || filename.isBlank() ? "contacts.csv" : filename,
                head.length,
                listId,
                options.toJson(),
                Checks.isUuid(userId) ? userId : null,
                Clocks.now(clock));
        em.persist(job);
        em.flush();
        job.uploaded(uploads.store(job.id(), head, content));
        launchAfterCommit(tenant.id(), job.id(), userId);
        return job;
    }

    /** What the header is read from: the first {@value ContactCsv#HEAD} bytes. */
    private static byte[] head(InputStream content) {
        try {
            return content == null ? new byte[0] : content.readNBytes(ContactCsv.HEAD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The job; one whose run has stopped beating (its node died) is handed to a new run, which resumes it (the
     * {@link ContactImportClock} does the same whether or not anyone asks).
     */
    public ContactImport get(String jobId) {
        var job = Optional.ofNullable(Checks.isUuid(jobId) ? em.find(ContactImport.class, jobId) : null)
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.NOT_FOUND, "import_not_found", "Import job '" + jobId + "' not found"));
        if (job.isStale(Clocks.now(clock).minus(staleAfter))) {
            launchAfterCommit(tenant.id(), job.id(), null);
        }
        return job;
    }

    private String list(ImportOptions options, String userId) {
        if (options.listId() != null) {
            try {
                return lists.require(options.listId()).id();
            } catch (UnknownContactException e) {
                throw BusinessException.invalid("listId", "names no list of this organization");
            }
        }
        if (options.listName() == null) {
            return null;
        }
        return em.createNamedQuery(ContactList.BY_NAME, ContactList.class)
                .setParameter("name", options.listName())
                .getResultStream()
                .findFirst()
                .map(ContactList::id)
                .orElseGet(() -> lists.create(new ContactListRequest(options.listName(), null, null, null), userId)
                        .list()
                        .id());
    }

    /** Hands a stale job to a new run once the caller's transaction commits; the run claims it or finds it taken. */
    public void resume(String jobId) {
        launchAfterCommit(tenant.id(), jobId, null);
    }

    /** The job row must be committed before a run looks for it, and must not run at all if it never is. */
    private void launchAfterCommit(String tenantId, String jobId, String userId) {
        afterCommit.run(() -> executor.submit(() -> run(tenantId, jobId, userId)));
    }

    private void run(String tenantId, String jobId, String userId) {
        tenant.runAs(tenantId, () -> {
            try {
                runs.run(jobId, userId);
            } catch (BusinessException e) {
                steps.stopped(jobId, e.getMessage(), true);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Contact import " + jobId + " stopped; it resumes from its checkpoint", e);
                steps.stopped(
                        jobId,
                        "stopped (" + e.getClass().getSimpleName() + "); resumes from its checkpoint after "
                                + staleAfter,
                        false);
            }
            return null;
        });
    }
}
