package com.vocelio.contact.boundary;

import com.vocelio.contact.control.ContactCsv;
import com.vocelio.contact.control.PhoneLines;
import com.vocelio.contact.control.PhoneSet;
import com.vocelio.contact.entity.Contact;
import com.vocelio.contact.entity.ContactImport;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Jsons;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs an import job off the request, outside any long transaction: reads the file row by row (a bad row is
 * recorded with its line and skipped, never the end of the file), makes each valid row a contact by the same rules
 * as a create, counts a number met twice in the file once, and hands the contacts to {@link ImportSteps} a batch at
 * a time; a resumed run skips the rows its job's checkpoint says are in, remembering their numbers. Batches are
 * written on threads of the run's own while the next one is read (at most two in flight, committing in file order):
 * reading and parsing took about a quarter of a run with the database idle meanwhile, and a second writer keeps the
 * database's second core busy.
 */
@ApplicationScoped
public class ContactImportRuns {

    private static final Logger LOG = Logger.getLogger(ContactImportRuns.class.getName());

    /**
     * A batch is a thousand rows, or a two-hundredth of the file when that is more (up to ten thousand rows). Small
     * files keep their fine progress; a big file's batches cost less each row: at a million contacts a 5,000-row batch
     * wrote 100,000 rows in 7.4–9.1 s against 9.7–13.6 s in 1,000-row batches (the upsert, measured alone).
     */
    static final int MIN_BATCH = 1000;

    static final int MAX_BATCH = 10_000;

    static final int STEPS_PER_FILE = 200;

    /** Batches in flight at once: two keep both cores of a small database busy (2 × 100,000 rows: 9.7 s, against 15). */
    static final int WRITERS = 2;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region")
    String phoneRegion;

    @Inject
    @ConfigProperty(name = "vocelio.contacts.import.stale-after", defaultValue = "PT60S")
    Duration staleAfter;

    @Inject
    Clock clock;

    @Inject
    ImportSteps steps;

    @Inject
    CurrentTenant tenant;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    /** Whether a batch of {@code rows} rows, read from {@code bytes} bytes of a {@code fileSize}-byte file, is full. */
    static boolean batchFull(int rows, long bytes, long fileSize) {
        return rows >= MIN_BATCH && (rows >= MAX_BATCH || bytes >= fileSize / STEPS_PER_FILE);
    }

    /** @return whether this call ran the job (false: another run has it, or it is finished) */
    public boolean run(String jobId, String userId) {
        var claimed = steps.claim(jobId, staleAfter);
        if (claimed.isEmpty()) {
            return false;
        }
        var job = claimed.get();
        var options = ImportOptions.of(job.options(), job.listId().orElse(null));
        var counted = new ChunkStream(seq -> steps.chunk(jobId, seq));
        var layout = ContactCsv.layout(counted.first(), options.csv());
        // its own thread, not the managed executor's pool: runs waiting on writers queued behind them could fill it
        ExecutorService writer = Executors.newFixedThreadPool(WRITERS, threads);
        try {
            var run = new Run(jobId, job.rowsDone(), job.fileSize(), !options.skipDuplicates(), userId);
            run.counted = counted;
            run.writer = writer;
            run.tenantId = tenant.id();
            ContactCsv.read(counted, layout, run::take);
            run.write();
            run.awaitWritten();
        } finally {
            // a run stopped by an error waits for the batch in flight: nothing is written after its job is stopped
            writer.shutdown();
            awaitTermination(writer);
        }
        try {
            steps.settleSearchIndex();
        } catch (RuntimeException e) { // the import is whole either way; autovacuum merges them later
            LOG.log(Level.WARNING, "Contact import " + jobId + ": the search index's pending entries stay", e);
        }
        steps.complete(jobId);
        return true;
    }

    private static void awaitTermination(ExecutorService writer) {
        boolean interrupted = false;
        while (true) {
            try {
                if (writer.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One run: the rows read, the phones seen, the batch being filled and its counts. */
    private final class Run {

        final String jobId;
        final long skipRows;
        final long fileSize;
        final boolean merge;
        final String userId;
        final PhoneSet seen = new PhoneSet();
        List<Contact> batch = new ArrayList<>();
        JsonArrayBuilder refused = Jsons.arrayBuilder();
        ChunkStream counted;
        ExecutorService writer;
        String tenantId;
        final Deque<Future<?>> inFlight = new ArrayDeque<>();
        long rowsRead;
        long readAtLastBatch;
        int rows;
        int valid;
        int invalid;
        int inFileDuplicates;

        Run(String jobId, long skipRows, long fileSize, boolean merge, String userId) {
            this.jobId = jobId;
            this.skipRows = skipRows;
            this.fileSize = fileSize;
            this.merge = merge;
            this.userId = userId;
        }

        void take(ContactCsv.Row row) {
            if (++rowsRead <= skipRows) {
                // in already: a resumed run goes on after the checkpoint, knowing the numbers met before it, so a
                // number met again later is the file's duplicate as in a run never interrupted (not merged twice)
                if (row.readable()) {
                    try {
                        seen.add(contact(row).phone());
                    } catch (BusinessException refusedBefore) {
                        // refused then too: its number was not met
                    }
                }
                return;
            }
            rows++;
            if (!row.readable()) {
                refuse(row, row.error());
            } else {
                try {
                    var contact = contact(row);
                    if (seen.add(contact.phone())) {
                        valid++;
                        batch.add(contact);
                    } else {
                        inFileDuplicates++;
                    }
                } catch (BusinessException e) {
                    refuse(row, e.getMessage());
                }
            }
            if (batchFull(rows, counted.read - readAtLastBatch, fileSize)) {
                write();
            }
        }

        /**
         * Hands the batch to a writer once no more than one other is in flight (waiting for the oldest; its failure is
         * this run's). The two write at once; the newer commits after the older (see {@link ImportSteps}).
         */
        void write() {
            if (inFlight.size() >= WRITERS) {
                awaitOldest();
            }
            int progress = (int) Math.min(99, counted.read * 100 / Math.max(1, fileSize));
            var contacts = batch;
            var step = new ContactImport.Step(rows, valid, invalid, inFileDuplicates, 0, 0);
            var refusedRows = refused.build();
            long done = rowsRead;
            readAtLastBatch = counted.read;
            Future<?> before = inFlight.peekLast();
            inFlight.addLast(writer.submit(() -> tenant.runAs(tenantId, () -> {
                steps.step(jobId, contacts, step, refusedRows, done, progress, merge, userId, before);
                return null;
            })));
            batch = new ArrayList<>();
            refused = Jsons.arrayBuilder();
            rows = 0;
            valid = 0;
            invalid = 0;
            inFileDuplicates = 0;
        }

        void awaitWritten() {
            while (!inFlight.isEmpty()) {
                awaitOldest();
            }
        }

        private void awaitOldest() {
            try {
                inFlight.pollFirst().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a batch was written", e);
            }
        }

        private void refuse(ContactCsv.Row row, String error) {
            invalid++;
            refused.add(Jsons.objectBuilder()
                    .add("row", row.line())
                    .add("error", error)
                    .add("data", row.data()));
        }

        private Contact contact(ContactCsv.Row row) {
            Map<String, String> f = row.fields();
            var line = PhoneLines.require("phone", f.get("phone"), phoneRegion);
            var custom = Jsons.objectBuilder();
            row.custom().forEach(custom::add);
            var tags = f.get("tags") == null
                    ? null
                    : List.of(f.get("tags").split("[;|,]")).stream()
                            .map(String::strip)
                            .filter(t -> !t.isEmpty())
                            .toList();
            String status = f.get("status") == null || f.get("status").isBlank() ? null : f.get("status");
            var request = new ContactRequest(
                    f.get("firstName"),
                    f.get("lastName"),
                    f.get("email"),
                    null,
                    f.get("company"),
                    f.get("title"),
                    f.get("address"),
                    f.get("city"),
                    f.get("state"),
                    f.get("zip"),
                    f.get("country"),
                    status,
                    null,
                    f.get("notes"),
                    tags,
                    custom.build(),
                    null,
                    null);
            var contact = new Contact(line.e164(), line.type(), Clocks.now(clock));
            request.applyTo(contact);
            return contact;
        }
    }

    /**
     * The upload, read a chunk at a time from the database (each read its own short transaction), so a run holds one
     * chunk whatever the file's size; counts the bytes handed to the decoder, for the progress bar.
     */
    private static final class ChunkStream extends InputStream {

        private final IntFunction<byte[]> chunks;
        private byte[] current;
        private int next;
        private int position;
        long read;

        ChunkStream(IntFunction<byte[]> chunks) {
            this.chunks = chunks;
        }

        /** The first chunk (empty for an empty upload): what the header is read from. */
        byte[] first() {
            if (current == null && next == 0) {
                current = chunks.apply(next++);
            }
            return current == null ? new byte[0] : current;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            first();
            while (current != null && position == current.length) {
                current = chunks.apply(next++);
                position = 0;
            }
            if (current == null) {
                return -1;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            read += n;
            return n;
        }
    }
}
