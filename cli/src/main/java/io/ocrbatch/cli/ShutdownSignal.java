package io.ocrbatch.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Waits for SIGINT/SIGTERM, and holds the JVM's exit until the service has closed gracefully
 * (workers finish the page in hand, the database stops cleanly).
 */
final class ShutdownSignal implements AutoCloseable {
  private final CountDownLatch signalled = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onSignal, "ocrbatch-shutdown");

  ShutdownSignal() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void onSignal() {
    signalled.countDown();
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void await() throws InterruptedException {
    signalled.await();
  }

  boolean signalled() {
    return signalled.getCount() == 0;
  }

  /** Call once everything is closed. */
  @Override
  public void close() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it returns now that we are closed
    }
  }
}
