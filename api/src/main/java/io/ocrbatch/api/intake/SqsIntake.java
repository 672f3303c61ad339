package io.ocrbatch.api.intake;

import io.ocrbatch.activities.fault.BadInputException;
import io.ocrbatch.activities.fault.OrchestrationUnavailableException;
import io.ocrbatch.activities.intake.Intake;
import io.ocrbatch.activities.storage.BdrcVolume;
import io.ocrbatch.api.JobKeyConflictException;
import io.ocrbatch.api.JobRequest;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.VolumeResolver;
import io.ocrbatch.workflows.VolumeRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Turns SQS messages into work. Long-polls the queue (20 s, batches of up to 10); each message
 * becomes a volume in a rolling intake job (signal-with-start) or a whole job. A message is deleted
 * only after Temporal has accepted its work; when Temporal or the database is away the message
 * stays and comes back after its visibility timeout. Work is keyed so that a redelivered message
 * adds nothing. Only a message's own defects (an unreadable body, an unknown job type, bad ids or
 * key: {@link IntakeMessage.Unreadable}, {@link BadInputException}, {@link
 * JobKeyConflictException}) move it aside (dead-letter queue or deleted, see {@link
 * IntakeSettings#onGarbage()}), so it never blocks the queue; any other failure (a store fault, a
 * job being canceled) keeps it for redelivery.
 */
public final class SqsIntake implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqsIntake.class);
  static final String ERROR_ATTRIBUTE = "ocrbatch_error";

  private final SqsClient sqs;
  private final IntakeSettings settings;
  private final JobService jobs;
  private final VolumeResolver volumes;
  private final boolean fifo;
  private String deadLetterUrl;
  private IntakeQueue queue;
  private volatile boolean running;
  private Thread poller;

  /** Counters since start, for logs and tests. */
  public record Stats(long received, long accepted, long setAside, long deferred, long deleted) {}

  private final AtomicLong received = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong setAside = new AtomicLong();
  private final AtomicLong deferred = new AtomicLong();

  public SqsIntake(
      SqsClient sqs, IntakeSettings settings, JobService jobs, VolumeResolver volumes) {
    this.sqs = sqs;
    this.settings = settings;
    this.jobs = jobs;
    this.volumes = volumes;
    this.fifo = settings.queueUrl().endsWith(".fifo");
  }

  /**
   * Checks the configuration (a wrong default job type or output would otherwise set aside every
   * message), the queue and its dead-letter queue, then starts polling on a background thread.
   */
  public SqsIntake start() {
    try {
      jobs.jobType(settings.jobType());
      JobService.outputRoot(settings.output());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "SQS intake (OCRBATCH_SQS_JOB_TYPE / OCRBATCH_SQS_OUTPUT): " + e.getMessage(), e);
    }
    Map<QueueAttributeName, String> attributes;
    try {
      attributes =
          sqs.getQueueAttributes(
                  b -> b.queueUrl(settings.queueUrl()).attributeNames(QueueAttributeName.ALL))
              .attributes();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot read SQS queue " + settings.queueUrl() + ": " + e.getMessage(), e);
    }
    deadLetterUrl =
        IntakeQueue.deadLetterQueue(
            sqs, settings, attributes.get(QueueAttributeName.REDRIVE_POLICY));
    if ("dead-letter".equals(settings.onGarbage()) && deadLetterUrl == null) {
      throw new IllegalStateException(
          "OCRBATCH_SQS_ON_GARBAGE=dead-letter, but queue "
              + settings.queueUrl()
              + " has no RedrivePolicy and OCRBATCH_SQS_DEAD_LETTER_URL is not set");
    }
    if ("delete".equals(settings.onGarbage())) deadLetterUrl = null;
    queue = new IntakeQueue(sqs, settings.queueUrl(), deadLetterUrl);
    running = true;
    poller = new Thread(this::pollLoop, "sqs-intake");
    poller.setDaemon(true);
    poller.start();
    log.info(
        "SQS intake polling {} ({}; unreadable messages: {})",
        settings.queueUrl(),
        fifo ? "FIFO" : "standard",
        deadLetterUrl != null ? "moved to " + deadLetterUrl : "deleted and logged");
    return this;
  }

  public Stats stats() {
    return new Stats(
        received.get(),
        accepted.get(),
        setAside.get(),
        deferred.get(),
        queue == null ? 0 : queue.deleted());
  }

  private void pollLoop() {
    long backoffMillis = 1_000;
    while (running) {
      try {
        List<Message> messages =
            sqs.receiveMessage(
                    b ->
                        b.queueUrl(settings.queueUrl())
                            .waitTimeSeconds(settings.waitSeconds())
                            .maxNumberOfMessages(10)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
        backoffMillis = 1_000;
        if (!running) {
          queue.handBack(messages);
          return;
        }
        if (!handle(messages)) {
          awaitBackend();
        }
      } catch (RuntimeException e) {
        if (!running) return;
        log.warn(
            "SQS intake: receiving from {} failed ({}); retrying in {} ms",
            settings.queueUrl(),
            e.getMessage(),
            backoffMillis);
        sleep(backoffMillis);
        backoffMillis = Math.min(30_000, backoffMillis * 2);
      }
    }
  }

  /**
   * Waits until Temporal and the database answer again before receiving more: every receive counts
   * towards the queue's maxReceiveCount, so polling through an outage would push good messages to
   * the dead-letter queue.
   */
  private void awaitBackend() {
    long backoffMillis = 1_000;
    while (running) {
      sleep(backoffMillis);
      try {
        jobs.temporalHealth();
        jobs.store().jobs().list(List.of(), List.of(), 1);
        log.info("SQS intake: Temporal and the database answer again; receiving");
        return;
      } catch (RuntimeException e) {
        backoffMillis = Math.min(30_000, backoffMillis * 2);
        log.warn(
            "SQS intake: waiting for the backend ({}); next check in {} ms",
            e.getMessage(),
            backoffMillis);
      }
    }
  }

  /** Handles a batch in order; returns false when it stopped early because the backend is away. */
  boolean handle(List<Message> messages) {
    received.addAndGet(messages.size());
    List<Message> done = new ArrayList<>();
    boolean healthy = true;
    for (Message message : messages) {
      if (!healthy) {
        deferred.incrementAndGet(); // keeps FIFO order: later messages wait for the one that failed
        continue;
      }
      try {
        dispatch(message);
        accepted.incrementAndGet();
        done.add(message);
      } catch (IntakeMessage.Unreadable
          | BadInputException
          | JobKeyConflictException e) { // the message's own defects
        try {
          setAsideMessage(message, e.getMessage());
          done.add(message);
        } catch (RuntimeException deadLetterFailed) { // keep it: it is set aside when it comes back
          healthy = false;
          deferred.incrementAndGet();
          log.warn(
              "SQS intake: could not move message {} aside: {}",
              message.messageId(),
              deadLetterFailed.getMessage());
        }
      } catch (RuntimeException e) {
        healthy = false;
        deferred.incrementAndGet();
        String reason =
            e instanceof OrchestrationUnavailableException ? e.getMessage() : e.toString();
        log.warn("SQS intake: message {} kept for redelivery: {}", message.messageId(), reason);
      }
    }
    queue.delete(done);
    return healthy;
  }

  private void dispatch(Message message) throws IntakeMessage.Unreadable {
    IntakeMessage request = IntakeMessage.parse(message.body(), settings.jobType());
    if (request instanceof IntakeMessage.AddVolume add) {
      VolumeRef volume =
          resolve(() -> volumes.bdrc(new BdrcVolume(add.workId(), add.imageGroupId())));
      Intake.Added intake =
          jobs.intake()
              .add(add.jobType(), add.priority(), List.of(volume), settings.output(), add.jobKey());
      log.info(
          "SQS intake: message {}: {} {} job {}",
          message.messageId(),
          volume.volumeId(),
          intake.added() > 0 ? "added to" : "already in",
          intake.job().jobKey());
    } else if (request instanceof IntakeMessage.WholeJob whole) {
      List<VolumeRef> refs =
          resolve(() -> volumes.fromEntries(whole.volumes(), Path.of("").toAbsolutePath()));
      JobService.Submitted submitted =
          jobs.submit(
              new JobRequest(
                  whole.jobType(),
                  refs,
                  whole.jobKey(),
                  whole.output() != null ? whole.output() : settings.output(),
                  JobRequest.DEFAULT_CONCURRENCY,
                  JobRequest.DEFAULT_DPI,
                  whole.priority(),
                  null,
                  whole.force()));
      log.info(
          "SQS intake: message {}: job {} with {} volume(s){}",
          message.messageId(),
          submitted.job().jobKey(),
          refs.size(),
          submitted.existed() ? " existed already" : " created");
    }
  }

  /** Volumes named by a message; ids or folders that name nothing are the message's defect. */
  private static <T> T resolve(java.util.function.Supplier<T> named) {
    try {
      return named.get();
    } catch (BadInputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  private void setAsideMessage(Message message, String reason) {
    setAside.incrementAndGet();
    queue.setAside(message, reason);
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Stops polling (a long poll in flight is abandoned: its messages come back to the queue) and
   * closes the client.
   */
  @Override
  public void close() {
    running = false;
    if (poller != null) {
      poller.interrupt();
      try {
        poller.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sqs.close();
  }
}
