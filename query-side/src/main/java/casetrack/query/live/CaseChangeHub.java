package casetrack.query.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Hands committed case changes to this node's SSE subscribers and to readers waiting for a version. */
@Component
public class CaseChangeHub {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicLong changesHeard = new AtomicLong();
    private final List<java.util.function.Consumer<CaseChange>> changeObservers = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectObservers = new CopyOnWriteArrayList<>();

    private record Waiter(long minVersion, CompletableFuture<Long> reached) {
    }

    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        subscribers.add(emitter);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        try {
            emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            subscribers.remove(emitter);
        }
        return emitter;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** How many changes (and listener reconnects) this node has heard of: what cached positions compare with. */
    public long changesHeard() {
        return changesHeard.get();
    }

    /** Tells {@code observer} of every change this node hears of, before subscribers and waiters hear of it. */
    public void onChange(java.util.function.Consumer<CaseChange> observer) {
        changeObservers.add(observer);
    }

    /** Tells {@code observer} each time the listener (re)connects: changes may have been missed meanwhile. */
    public void onReconnect(Runnable observer) {
        reconnectObservers.add(observer);
    }

    /** The change listener reconnected: changes may have been missed meanwhile. */
    public void reconnected() {
        changesHeard.incrementAndGet();
        reconnectObservers.forEach(Runnable::run);
    }

    public void publish(CaseChange change) {
        changesHeard.incrementAndGet();
        changeObservers.forEach(o -> o.accept(change));
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.send(SseEmitter.event().name("case-changed").id(change.caseId() + ":" + change.version())
                        .data(change, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(emitter);
            }
        }
        List<Waiter> waiting = waiters.get(change.caseId());
        if (waiting != null) {
            // iterate the list's snapshot: completing a waiter removes it from the list (see awaitVersion);
            // doing that inside removeIf threw ConcurrentModificationException and killed the listener
            for (Waiter w : waiting) {
                if (w.minVersion() <= change.version()) {
                    w.reached().complete(change.version());
                }
            }
        }
    }

    /** Completes once a change of the case to at least {@code minVersion} is published. */
    public CompletableFuture<Long> awaitVersion(String caseId, long minVersion) {
        Waiter waiter = new Waiter(minVersion, new CompletableFuture<>());
        waiters.computeIfAbsent(caseId, id -> new CopyOnWriteArrayList<>()).add(waiter);
        waiter.reached().whenComplete((v, e) -> {
            List<Waiter> list = waiters.get(caseId);
            if (list != null) {
                list.remove(waiter);
            }
        });
        return waiter.reached();
    }
}
