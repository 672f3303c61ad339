package io.ocrbatch.cli;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets workflows that closed a while ago in the embedded Temporal service. That service is
 * Temporal's test server: it keeps every execution, its history and its state machines in memory
 * for ever (about 34 KB per one-page volume measured: 3.4 GB for a 100,000-volume job). The status
 * database is the record of finished work, so a run closed {@code grace} ago is dropped: no client
 * still follows it (a job's client follows a continued-as-new run within moments) and no worker
 * needs it.
 *
 * <p>Two more leaks of that service are stopped here. Its timer never removes a timer it no longer
 * needs (an OCR chunk's 6-hour timeout stays queued, holding its closed workflow's whole state, for
 * 6 hours): timers of closed workflows are dropped at each sweep. And its timer logs every lock
 * change in a list kept for diagnostics only, which grows for ever and is scanned from its head at
 * every unlock (5 % of the CPU at 2,000 volumes, more with every volume): that list is replaced by
 * one that keeps nothing.
 *
 * <p>Reaches into the service's internals by reflection; when they change shape the sweeper logs
 * once and does nothing, and the service keeps everything as before.
 */
final class ClosedWorkflowSweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClosedWorkflowSweeper.class);

  private final long graceMillis;
  private final int maxClosedKept;
  private final Internals internals;
  private final Map<Object, Long> closedSince = new HashMap<>();
  private final ScheduledExecutorService timer;

  ClosedWorkflowSweeper(
      TestServicesStarter services, long graceMillis, int maxClosedKept, long everyMillis) {
    this.graceMillis = graceMillis;
    this.maxClosedKept = maxClosedKept;
    this.internals = Internals.of(services);
    if (internals == null || everyMillis <= 0) {
      timer = null;
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "embedded-temporal-sweeper");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::sweepQuietly, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException | ReflectiveOperationException e) {
      log.warn("Embedded Temporal: cannot forget closed workflows: {}", e.toString());
    }
  }

  /**
   * Drops the executions closed at least the grace period ago, and the oldest closed beyond {@code
   * maxClosedKept} (memory stays bounded however fast volumes finish); returns how many.
   */
  synchronized int sweep() throws ReflectiveOperationException {
    if (internals == null) return 0;
    long now = System.currentTimeMillis();
    Set<Object> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Object> droppedIds = new java.util.HashSet<>();
    internals.serviceLock.lock();
    try {
      List<Map.Entry<Object, Object>> kept = new ArrayList<>();
      for (Map.Entry<Object, Object> execution : internals.executions.entrySet()) {
        if (!(Boolean) internals.isTerminal.invoke(execution.getValue())) continue;
        long since = closedSince.computeIfAbsent(execution.getKey(), k -> now);
        if (now - since >= graceMillis) {
          dropped.add(execution.getValue());
          droppedIds.add(execution.getKey());
        } else {
          kept.add(execution);
        }
      }
      if (kept.size() > maxClosedKept) {
        kept.sort(Comparator.comparingLong(e -> closedSince.get(e.getKey())));
        for (Map.Entry<Object, Object> execution : kept.subList(0, kept.size() - maxClosedKept)) {
          dropped.add(execution.getValue());
          droppedIds.add(execution.getKey());
        }
      }
      internals.executions.keySet().removeAll(droppedIds);
      internals.byWorkflowId.values().removeIf(dropped::contains);
      internals.byFirstRunId.values().removeIf(dropped::contains);
    } finally {
      internals.serviceLock.unlock();
    }
    closedSince.keySet().removeAll(droppedIds);
    internals.storeLock.lock();
    try {
      internals.histories.keySet().removeAll(droppedIds);
    } finally {
      internals.storeLock.unlock();
    }
    if (internals.searchAttributes != null) {
      internals.searchAttributes.keySet().removeAll(droppedIds);
    }
    internals.timerLock.lock();
    try {
      internals.timerTasks.removeIf(internals::ownedByClosedWorkflow);
    } finally {
      internals.timerLock.unlock();
    }
    return droppedIds.size();
  }

  /** Timers the service has queued, needed or not. */
  int pendingTimers() {
    if (internals == null) return -1;
    internals.timerLock.lock();
    try {
      return internals.timerTasks.size();
    } finally {
      internals.timerLock.unlock();
    }
  }

  /** Executions the service holds now, open or closed. */
  int retained() {
    if (internals == null) return -1;
    internals.serviceLock.lock();
    try {
      return internals.executions.size();
    } finally {
      internals.serviceLock.unlock();
    }
  }

  @Override
  public void close() {
    if (timer != null) timer.shutdownNow();
  }

  /** The service's maps and locks, found by name. */
  private record Internals(
      Lock serviceLock,
      Map<Object, Object> executions,
      Map<Object, Object> byWorkflowId,
      Map<Object, Object> byFirstRunId,
      Method isTerminal,
      Lock storeLock,
      Map<Object, Object> histories,
      Map<Object, Object> searchAttributes,
      Lock timerLock,
      Collection<Object> timerTasks,
      Field timerCallback) {

    static Internals of(TestServicesStarter services) {
      try {
        Object service = services.getWorkflowService();
        Object store = field(service, "store");
        Object visibility = field(service, "visibilityStore");
        Object timer = field(service, "selfAdvancingTimer");
        Method isTerminal =
            Class.forName("io.temporal.internal.testservice.TestWorkflowMutableState")
                .getMethod("isTerminalState");
        isTerminal.setAccessible(true);
        Lock timerLock = field(timer, "lock");
        Collection<Object> timerTasks = field(timer, "tasks");
        Field timerCallback =
            Class.forName("io.temporal.internal.testservice.SelfAdvancingTimerImpl$TimerTask")
                .getDeclaredField("runnable");
        timerCallback.setAccessible(true);
        replaceLockEvents(timer, timerLock);
        return new Internals(
            field(service, "lock"),
            field(service, "executions"),
            field(service, "executionsByWorkflowId"),
            field(service, "executionsByFirstExecutionRunId"),
            isTerminal,
            field(store, "lock"),
            field(store, "histories"),
            field(visibility, "executionSearchAttributes"),
            timerLock,
            timerTasks,
            timerCallback);
      } catch (ReflectiveOperationException | RuntimeException e) {
        log.warn(
            "Embedded Temporal keeps every closed workflow in memory (its internals changed: {})",
            e.toString());
        return null;
      }
    }

    /**
     * True when a queued timer's callback belongs to a workflow that has closed: the service's
     * callbacks are lambdas holding their workflow's state, and once closed it ignores them.
     */
    boolean ownedByClosedWorkflow(Object timerTask) {
      try {
        Object callback = timerCallback.get(timerTask);
        for (Field captured : callback.getClass().getDeclaredFields()) {
          if (Modifier.isStatic(captured.getModifiers())) continue;
          captured.setAccessible(true);
          Object value = captured.get(callback);
          if (isTerminal.getDeclaringClass().isInstance(value)) {
            return (Boolean) isTerminal.invoke(value);
          }
        }
        return false;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return false;
      }
    }

    /** The timer's diagnostic lock log, swapped for one that keeps nothing (see the class). */
    private static void replaceLockEvents(Object timer, Lock timerLock)
        throws ReflectiveOperationException {
      Field lockEvents = timer.getClass().getDeclaredField("lockEvents");
      lockEvents.setAccessible(true);
      timerLock.lock();
      try {
        lockEvents.set(timer, new NoLockEvents());
      } finally {
        timerLock.unlock();
      }
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object owner, String name) throws ReflectiveOperationException {
      Class<?> type = owner.getClass();
      while (type != null) {
        try {
          Field field = type.getDeclaredField(name);
          field.setAccessible(true);
          return (T) field.get(owner);
        } catch (NoSuchFieldException e) {
          type = type.getSuperclass();
        }
      }
      throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }
  }

  /**
   * The timer adds an event at every lock change and removes a lock's event when its handle is
   * unlocked (failing when it is absent); keeping nothing and finding everything keeps both O(1).
   */
  private static final class NoLockEvents extends LinkedList<Object> {
    @Override
    public boolean add(Object event) {
      return true;
    }

    @Override
    public boolean remove(Object event) {
      return true;
    }
  }
}
