package casetrack.query.cases;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import casetrack.query.store.BatchWrite;
import casetrack.shared.event.EntryCorrected;
import casetrack.shared.event.EntryRetracted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The case files of the processor batch being handled: each case's stored file is read once per
 * batch (one query for every case of the batch), and each step is folded into it once, in order,
 * whichever projection asks first. The projections write the result when the batch commits, in
 * the transaction that also stores the token; a batch that fails leaves nothing behind, since this
 * state lives and dies with the batch's unit of work.
 * <p>
 * The files of the cases recent batches committed are kept in memory
 * ({@code casetrack.query.case-file-cache.max-cases}, default 2,000): a case being recorded step by
 * step is then neither read back nor parsed for each step. A kept file is taken out while a batch
 * folds it and put back only once that batch has committed, so it is always a file as stored; it is
 * trusted only for the step right after its version (after any other step, e.g. once another node
 * held the case's segment, the case is read from the table again).
 */
@Component
public class CaseFilesInBatch {

    private static final String RESOURCE = CaseFilesInBatch.class.getName();

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final int maxKept;
    /** Files as committed, by case id, least recently used first out. */
    private final Map<String, CaseFile> kept;

    public CaseFilesInBatch(JdbcTemplate jdbc, EventStore eventStore,
                            @Value("${casetrack.query.case-file-cache.max-cases:2000}") int maxKept) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.maxKept = maxKept;
        this.kept = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CaseFile> eldest) {
                return size() > CaseFilesInBatch.this.maxKept;
            }
        };
    }

    /** Forgets every kept file (the projections were reset). */
    public void forgetAll() {
        synchronized (kept) {
            kept.clear();
        }
    }

    /** Whether the case's file is kept in memory. */
    public boolean isKept(String caseId) {
        synchronized (kept) {
            return kept.containsKey(caseId);
        }
    }

    /** One case as folded so far in this batch. */
    static final class Folded {
        final String caseId;
        CaseFile file;
        /** The file came from memory, not from the table: good only for the step right after its version. */
        boolean fromMemory;
        /** The last step folded in this batch; null while the batch has changed nothing of this case. */
        Step lastStep;
        private String lastSeenEventId;
        private boolean lastSeenApplied;

        /** The words the stored row's {@code search} was made of; null while the case has no stored row. */
        String storedSearchText;
        /** The calendar rows stored with the file; empty while the case has no stored row. */
        List<List<String>> storedCalendar;

        Folded(String caseId, CaseFile file) {
            this.caseId = caseId;
            stored(file);
        }

        /** Starts from this file as stored (or an empty one for a case not stored yet). */
        void stored(CaseFile stored) {
            this.file = stored;
            this.storedSearchText = stored.version >= 0 ? CaseSummaryProjection.searchText(stored) : null;
            this.storedCalendar = CaseSummaryProjection.calendar(stored);
        }

        boolean changed() {
            return lastStep != null;
        }
    }

    /** The cases of one batch, in the order the batch first touched them, and its steps as read. */
    static final class Batch {
        final Map<String, Folded> cases = new LinkedHashMap<>();
        final Map<String, Step> steps = new java.util.HashMap<>();
    }

    /** The step this event message records, read once per batch whichever projection asks first. */
    public Step step(EventMessage<?> message) {
        return batch().steps.computeIfAbsent(message.getIdentifier(), id -> Step.of(message));
    }

    /**
     * Folds this step into its case, once per batch: a step at or below the case's version changes
     * nothing; a correction or retraction refolds the case from its recorded steps. Answers whether
     * the step changed the case (the same answer to every projection that asks about this step).
     */
    public boolean fold(Step step) {
        Folded folded = folded(step.caseId());
        if (step.eventId().equals(folded.lastSeenEventId)) {
            return folded.lastSeenApplied;
        }
        folded.lastSeenEventId = step.eventId();
        folded.lastSeenApplied = false;
        if (step.sequence() <= folded.file.version) {
            return false;
        }
        if (folded.fromMemory && step.sequence() != folded.file.version + 1) {
            // steps in between were folded elsewhere (another node, another batch): read the stored file
            folded.stored(load(List.of(step.caseId())).getOrDefault(step.caseId(), new CaseFile()));
            folded.fromMemory = false;
            if (step.sequence() <= folded.file.version) {
                return false;
            }
        }
        folded.fromMemory = false;
        if (step.event() instanceof EntryCorrected || step.event() instanceof EntryRetracted) {
            folded.file = refold(step);
        } else {
            folded.file.apply(step, true);
        }
        folded.file.caseId = step.caseId();
        folded.lastStep = step;
        folded.lastSeenApplied = true;
        return true;
    }

    /**
     * Runs a projection's handler in the processor's unit of work, or, when called outside one
     * (a handler invoked directly), in a unit of work of this one event that writes on completion.
     */
    static void inUnitOfWork(EventMessage<?> message, Runnable handler) {
        if (CurrentUnitOfWork.isStarted()) {
            handler.run();
        } else {
            DefaultUnitOfWork.startAndGet(message).execute(handler);
        }
    }

    /** The case as folded so far in this batch (the stored file, or an empty one for a new case). */
    public CaseFile file(String caseId) {
        return folded(caseId).file;
    }

    /** The cases this batch (the given unit of work) has changed, in the order it first touched them. */
    static List<Folded> changed(UnitOfWork<?> unitOfWork) {
        Batch batch = unitOfWork.root().getResource(RESOURCE);
        return batch == null ? List.of() : batch.cases.values().stream().filter(Folded::changed).toList();
    }

    private Folded folded(String caseId) {
        Batch batch = batch();
        Folded folded = batch.cases.get(caseId);
        if (folded == null) {
            // the first case the batch asks for: take the kept files of the batch's cases, and read
            // the files of all the others at once
            Set<String> wanted = new LinkedHashSet<>();
            wanted.add(caseId);
            caseIdsOfBatch().stream().filter(id -> !batch.cases.containsKey(id)).forEach(wanted::add);
            Map<String, CaseFile> inMemory = new LinkedHashMap<>();
            synchronized (kept) {
                for (String id : wanted) {
                    CaseFile file = kept.remove(id);
                    if (file != null) {
                        inMemory.put(id, file);
                    }
                }
            }
            Set<String> newInReplay = casesOpenedInReplay();
            List<String> toRead = wanted.stream().filter(id -> !inMemory.containsKey(id) && !newInReplay.contains(id)).toList();
            Map<String, CaseFile> stored = toRead.isEmpty() ? Map.of() : load(toRead);
            for (String id : wanted) {
                CaseFile file = inMemory.get(id);
                Folded f = new Folded(id, file != null ? file : stored.getOrDefault(id, new CaseFile()));
                f.fromMemory = file != null;
                batch.cases.put(id, f);
            }
            folded = batch.cases.get(caseId);
        }
        return folded;
    }

    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("case projections run inside the processor's unit of work");
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(RESOURCE, key -> {
            Batch batch = new Batch();
            if (maxKept > 0) {
                // only what committed is kept; a batch that rolls back leaves its cases to be read again
                root.afterCommit(u -> keep(batch));
            }
            return batch;
        });
    }

    private void keep(Batch batch) {
        synchronized (kept) {
            for (Folded folded : batch.cases.values()) {
                // a file read from the table but never folded is as stored too; an empty new file is not kept
                if (folded.file.version >= 0) {
                    kept.put(folded.caseId, folded.file);
                }
            }
        }
    }

    /**
     * The cases whose first step in this batch is their opening (sequence 0) replayed after a reset:
     * the reset emptied the tables and a case's opening is delivered once, with the token that commits
     * with its rows, so nothing can be stored for them yet. (Outside a replay a case's file is read
     * even for its opening, so that a step delivered twice never overwrites what followed it.)
     */
    private static Set<String> casesOpenedInReplay() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching)) {
            return Set.of();
        }
        Set<String> seen = new java.util.HashSet<>();
        Set<String> opened = new java.util.HashSet<>();
        for (Object m : batching.getMessages()) {
            if (m instanceof DomainEventMessage<?> d && seen.add(d.getAggregateIdentifier())
                    && d.getSequenceNumber() == 0 && ReplayToken.isReplay(d)) {
                opened.add(d.getAggregateIdentifier());
            }
        }
        return opened;
    }

    private static List<String> caseIdsOfBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching)) {
            return List.of();
        }
        return batching.getMessages().stream()
                .filter(m -> m instanceof DomainEventMessage<?>)
                .map(m -> ((DomainEventMessage<?>) m).getAggregateIdentifier())
                .distinct().toList();
    }

    private Map<String, CaseFile> load(Collection<String> caseIds) {
        Map<String, CaseFile> files = new LinkedHashMap<>();
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(
                    "SELECT case_id, file FROM query.case_summary WHERE case_id = ANY(?)");
            Array ids = BatchWrite.array(connection, "varchar", caseIds.toArray());
            select.setArray(1, ids);
            return select;
        }, rs -> {
            files.put(rs.getString(1), CaseSummaryProjection.read(rs.getString(2)));
        });
        return files;
    }

    /** The case from its recorded steps up to this one (events only: the command side's snapshots are not case events). */
    private CaseFile refold(Step current) {
        List<Step> steps;
        try (Stream<? extends EventMessage<?>> recorded = eventStore.readEvents(current.caseId(), 0).asStream()) {
            steps = recorded.map(Step::of).filter(s -> s.sequence() <= current.sequence())
                    .collect(Collectors.toCollection(ArrayList::new));
        }
        return CaseReconstruction.fold(steps);
    }
}
