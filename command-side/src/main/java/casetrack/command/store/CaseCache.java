package casetrack.command.store;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate cache for cases: the most recently used cases, at most {@code maxCases}, each held
 * softly so a heap under pressure drops them rather than failing. A cached case is only a head start:
 * if another node appended to the case meanwhile, the append of this node's next event collides with
 * the stored one on the (aggregate, sequence) unique key, Axon rolls back, the repository evicts the
 * entry (its rollback handler), and the next command loads the case from the store again.
 */
public class CaseCache implements Cache {

    private final int maxCases;
    private final Map<Object, SoftReference<Object>> entries;
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    public CaseCache(int maxCases) {
        if (maxCases < 1) {
            throw new IllegalArgumentException("the case cache must hold at least one case, not " + maxCases);
        }
        this.maxCases = maxCases;
        this.entries = new LinkedHashMap<>(Math.min(maxCases, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, SoftReference<Object>> eldest) {
                return size() > CaseCache.this.maxCases;
            }
        };
    }

    public int maxCases() {
        return maxCases;
    }

    /** How many cases are held (cleared soft references included until they are next looked up). */
    public synchronized int size() {
        return entries.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value;
        synchronized (this) {
            SoftReference<Object> ref = entries.get(key);
            value = ref == null ? null : ref.get();
            if (ref != null && value == null) {
                entries.remove(key);
            }
        }
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not cached");
        }
        SoftReference<Object> previous;
        synchronized (this) {
            previous = entries.put(key, new SoftReference<>(value));
        }
        listeners.forEach(l -> {
            if (previous == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not cached");
        }
        synchronized (this) {
            SoftReference<Object> ref = entries.get(key);
            if (ref != null && ref.get() != null) {
                return false;
            }
            entries.put(key, new SoftReference<>(value));
        }
        listeners.forEach(l -> l.onEntryCreated(key, value));
        return true;
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T current = get(key);
        if (current != null) {
            return current;
        }
        T created = valueSupplier.get();
        if (created == null) {
            throw new IllegalStateException("the supplier gave no value for " + key);
        }
        put(key, created);
        return created;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        V current = get(key);
        if (current == null) {
            return;
        }
        V updated = update.apply(current);
        if (updated == null) {
            remove(key);
        } else {
            put(key, updated);
        }
    }

    @Override
    public boolean remove(Object key) {
        SoftReference<Object> removed;
        synchronized (this) {
            removed = entries.remove(key);
        }
        if (removed != null) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed != null;
    }

    @Override
    public void removeAll() {
        synchronized (this) {
            entries.clear();
        }
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        SoftReference<Object> ref = entries.get(key);
        return ref != null && ref.get() != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
