package casetrack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load: closed loop (N clients, each waits for its answer before the next request) and
 * open loop (requests at fixed intended times; latency counted from the intended time, so a
 * stalled server is not hidden by the load tool waiting with it). Loopback only, bounded by count
 * and by time. The loops send through {@link LeanHttp} (a keep-alive connection per thread); Java's
 * {@code HttpClient} serves the bench's one-off requests.
 */
public final class Load {

    /** One request of a load loop: its method, its whole URL (on loopback), its JSON body (null for none). */
    public record Call(String method, String url, String body) {
        static Call get(String url) {
            return new Call("GET", url, null);
        }

        static Call post(String url, String json) {
            return new Call("POST", url, json);
        }
    }

    public interface Worker {
        Call request();

        /** Called with the answer; returns whether it counts as a success. */
        boolean done(int status, String body, long completedAtNanos);
    }

    public record Result(String name, int clients, double seconds, long ok, Map<String, Long> errors, Stats latency,
                         double targetRate, Arrivals arrivals) {
        public double throughput() {
            return ok / seconds;
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Each answered request of an open loop: its intended start and its latency, on the wall clock
     * ({@code epochMillis} and {@code nanos} read together when the loop began), so that the slow ones
     * can be set beside the JVMs' pauses ({@link TailPauses}).
     */
    public static final class Arrivals {
        private final long epochMillisAtStart;
        private final long nanosAtStart;
        private long[] intended = new long[1024];
        private long[] latency = new long[1024];
        private int count;

        Arrivals(long epochMillisAtStart, long nanosAtStart) {
            this.epochMillisAtStart = epochMillisAtStart;
            this.nanosAtStart = nanosAtStart;
        }

        synchronized void add(long intendedNanos, long latencyNanos) {
            if (count == intended.length) {
                intended = java.util.Arrays.copyOf(intended, count * 2);
                latency = java.util.Arrays.copyOf(latency, count * 2);
            }
            intended[count] = intendedNanos;
            latency[count++] = latencyNanos;
        }

        /** When the loop began, in milliseconds since the epoch. */
        public double startedMs() {
            return epochMillisAtStart;
        }

        /** The intended starts in milliseconds since the epoch. */
        public synchronized double[] startsMs() {
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                out[i] = epochMillisAtStart + (intended[i] - nanosAtStart) / 1e6;
            }
            return out;
        }

        public synchronized double[] latenciesMs() {
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                out[i] = latency[i] / 1e6;
            }
            return out;
        }
    }

    final HttpClient http;
    final String token;

    public Load(String token) {
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8, daemon("http-client")))
                .build();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public HttpRequest.Builder post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    public HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET();
    }

    /**
     * Sends a one-off request. A GET left unanswered for its 30 s is asked once more, and said on
     * the console: twice a default run died on one (a progress poll, a metrics scrape), with nothing
     * in the service's log, and a reading is worth asking for again.
     */
    public HttpResponse<String> send(HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            if (!"GET".equals(request.method())) {
                throw e;
            }
            System.err.println("bench: no answer within 30 s to GET " + request.uri() + "; asking once more");
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** {@code clients} threads, each sending one request after the other, until maxCount requests or maxTime. */
    public Result closedLoop(String name, int clients, Duration maxTime, long maxCount, IntFunction<Worker> workers)
            throws InterruptedException {
        Stats latency = new Stats();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        AtomicLong issued = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Worker worker = workers.apply(i);
            Thread t = new Thread(() -> {
                try (LeanHttp.Client client = new LeanHttp.Client()) {
                    while (System.nanoTime() < deadline && issued.incrementAndGet() <= maxCount) {
                        long t0 = System.nanoTime();
                        try {
                            LeanHttp.Answer r = exchange(client, worker.request());
                            long t1 = System.nanoTime();
                            latency.add(t1 - t0);
                            if (worker.done(r.status(), r.body(), t1)) {
                                ok.incrementAndGet();
                            } else {
                                errors.merge(Integer.toString(r.status()), 1L, Long::sum);
                            }
                        } catch (Exception e) {
                            latency.add(System.nanoTime() - t0);
                            worker.done(-1, e.toString(), System.nanoTime());
                            errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        }
                    }
                }
            }, name + "-client-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, clients, seconds, ok.get(), new TreeMap<>(errors), latency, Double.NaN, null);
    }

    private LeanHttp.Answer exchange(LeanHttp.Client client, Call call) throws java.io.IOException {
        return client.exchange(call.method(), call.url(), "Bearer " + token, call.body());
    }

    private final ThreadLocal<LeanHttp.Client> ownClient = ThreadLocal.withInitial(LeanHttp.Client::new);

    /** One request on this thread's own keep-alive connections (outside the load loops). */
    public LeanHttp.Answer call(Call call) throws java.io.IOException {
        return exchange(ownClient.get(), call);
    }

    /**
     * Requests at a fixed rate for {@code duration}. A worker is taken from the pool for each
     * request and returned when it is answered, so each worker (each case) has at most one
     * request in flight; new workers are made when all are busy. The requests are sent by a pool
     * of sender threads, each with its own keep-alive connection; a request waiting for a free
     * sender counts that wait in its latency (which runs from its intended time).
     */
    public Result openLoop(String name, double rate, Duration duration, IntFunction<Worker> workers, int maxInFlight)
            throws InterruptedException {
        return openLoop(name, rate, duration, workers, maxInFlight, null);
    }

    /**
     * As {@link #openLoop(String, double, Duration, IntFunction, int)}; with {@code connectFirst}, each
     * sender first opens its keep-alive connection with one {@code GET} of that URL, and the clock
     * starts once all have (as an open-loop tool such as wrk2 connects before it measures). Otherwise
     * the first fifth of a second of a phase met 64 connections opened at once, and the server's
     * threads for them started, on the cores the commands need.
     */
    public Result openLoop(String name, double rate, Duration duration, IntFunction<Worker> workers, int maxInFlight,
                           String connectFirst) throws InterruptedException {
        Stats latency = new Stats();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        AtomicLong ok = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        int senders = 64;
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(connectFirst == null ? 0 : senders);
        // set before the first job is queued (the queue's hand-off makes it visible to the senders)
        java.util.concurrent.atomic.AtomicReference<Arrivals> arrivalsRef = new java.util.concurrent.atomic.AtomicReference<>();
        ConcurrentLinkedQueue<Worker> idle = new ConcurrentLinkedQueue<>();
        AtomicInteger made = new AtomicInteger();
        record Job(long intended, Worker worker) {
        }
        java.util.concurrent.LinkedBlockingQueue<Job> jobs = new java.util.concurrent.LinkedBlockingQueue<>();
        Job stop = new Job(0, null);
        List<Thread> senderThreads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Thread t = new Thread(() -> {
                try (LeanHttp.Client client = new LeanHttp.Client()) {
                    if (connectFirst != null) {
                        try {
                            exchange(client, Call.get(connectFirst));
                        } catch (java.io.IOException e) {
                            errors.merge("connecting first: " + e.getClass().getSimpleName(), 1L, Long::sum);
                        } finally {
                            connected.countDown();
                        }
                    }
                    while (true) {
                        Job job = jobs.take();
                        if (job == stop) {
                            return;
                        }
                        Worker worker = job.worker();
                        try {
                            LeanHttp.Answer r = exchange(client, worker.request());
                            long t1 = System.nanoTime();
                            latency.add(t1 - job.intended());
                            arrivalsRef.get().add(job.intended(), t1 - job.intended());
                            if (worker.done(r.status(), r.body(), t1)) {
                                ok.incrementAndGet();
                            } else {
                                errors.merge(Integer.toString(r.status()), 1L, Long::sum);
                            }
                        } catch (Exception e) {
                            long t1 = System.nanoTime();
                            latency.add(t1 - job.intended());
                            arrivalsRef.get().add(job.intended(), t1 - job.intended());
                            worker.done(-1, e.toString(), t1);
                            errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        }
                        inFlight.decrementAndGet();
                        idle.add(worker);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, name + "-sender-" + s);
            t.setDaemon(true);
            senderThreads.add(t);
            t.start();
        }
        if (!connected.await(30, TimeUnit.SECONDS)) {
            errors.merge("connecting first: not all senders connected within 30 s", 1L, Long::sum);
        }
        long start = System.nanoTime();
        Arrivals arrivals = new Arrivals(System.currentTimeMillis(), start);
        arrivalsRef.set(arrivals);
        long total = (long) (rate * duration.toNanos() / 1e9);
        double interval = 1e9 / rate;
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * interval);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                errors.merge("not sent: " + maxInFlight + " in flight", 1L, Long::sum);
                continue;
            }
            Worker w = idle.poll();
            if (w == null) {
                w = workers.apply(made.getAndIncrement());
            }
            inFlight.incrementAndGet();
            jobs.add(new Job(intended, w));
        }
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(5);
        }
        for (int s = 0; s < senders; s++) {
            jobs.add(stop);
        }
        for (Thread t : senderThreads) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
        double seconds = duration.toNanos() / 1e9;
        return new Result(name, made.get(), seconds, ok.get(), new TreeMap<>(errors), latency, rate, arrivals);
    }

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    public static long version(String body) {
        Matcher m = VERSION.matcher(body == null ? "" : body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The command mix: each worker records its own cases through {@link CaseScript}. */
    public Worker commandWorker(String commandBase, String prefix, CommandListener listener) {
        CaseScript.Cursor cursor = new CaseScript.Cursor(prefix);
        return new Worker() {
            CaseScript.Step step;

            @Override
            public Call request() {
                step = cursor.next();
                return Call.post(commandBase + step.path(), step.body());
            }

            @Override
            public boolean done(int status, String body, long completedAt) {
                if (status == 200 || status == 201) {
                    if (listener != null) {
                        listener.recorded(cursor.caseId(), version(body), completedAt, body);
                    }
                    return true;
                }
                cursor.abandon();
                return false;
            }
        };
    }

    public interface CommandListener {
        void recorded(String caseId, long version, long completedAtNanos, String body);
    }

    public static ExecutorService pool(int n, String name) {
        return Executors.newFixedThreadPool(n, daemon(name));
    }

    /** Public statements on one fixed case, one after the other (the aggregate-load case). */
    public static final class IntWorker implements Worker {
        private final Load load;
        private final String url;
        private int n;

        public IntWorker(Load load, String url) {
            this.load = load;
            this.url = url;
        }

        @Override
        public Call request() {
            return Call.post(url, CaseScript.publicStatement(++n));
        }

        @Override
        public boolean done(int status, String body, long completedAtNanos) {
            return status == 200;
        }
    }
}
