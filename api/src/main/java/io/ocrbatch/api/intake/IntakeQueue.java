package io.ocrbatch.api.intake;

import io.ocrbatch.api.ApiJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** What the intake does to messages on the queue: delete them, hand them back, set them aside. */
final class IntakeQueue {
  private static final Logger log = LoggerFactory.getLogger(SqsIntake.class);
  private final SqsClient sqs;
  private final String queueUrl;
  private final String deadLetterUrl;
  private final java.util.concurrent.atomic.AtomicLong deleted =
      new java.util.concurrent.atomic.AtomicLong();

  IntakeQueue(SqsClient sqs, String queueUrl, String deadLetterUrlOrNull) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.deadLetterUrl = deadLetterUrlOrNull;
  }

  /**
   * The dead-letter queue: the configured one, else the queue's RedrivePolicy target, else null.
   */
  static String deadLetterQueue(SqsClient sqs, IntakeSettings settings, String redrivePolicy) {
    if (settings.deadLetterUrl() != null) return settings.deadLetterUrl();
    if (redrivePolicy == null) return null;
    try {
      String arn = ApiJson.MAPPER.readTree(redrivePolicy).path("deadLetterTargetArn").asText("");
      String[] parts = arn.split(":");
      if (parts.length < 6) return null;
      return sqs.getQueueUrl(b -> b.queueName(parts[5]).queueOwnerAWSAccountId(parts[4]))
          .queueUrl();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot find the dead-letter queue of "
              + settings.queueUrl()
              + " ("
              + redrivePolicy
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Moves a message that can never be done to the dead-letter queue, or logs and drops it when
   * there is none.
   */
  void setAside(Message message, String reason) {
    String body = message.body() == null ? "" : message.body();
    String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
    if (deadLetterUrl == null) {
      log.error(
          "SQS intake: deleting unreadable message {} ({}): {}",
          message.messageId(),
          reason,
          shown);
      return;
    }
    SendMessageRequest.Builder send =
        SendMessageRequest.builder()
            .queueUrl(deadLetterUrl)
            .messageBody(body.isEmpty() ? "(empty)" : body)
            .messageAttributes(
                Map.of(
                    SqsIntake.ERROR_ATTRIBUTE,
                    MessageAttributeValue.builder().dataType("String").stringValue(reason).build(),
                    "ocrbatch_source_message_id",
                    MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue(message.messageId())
                        .build()));
    if (deadLetterUrl.endsWith(".fifo")) {
      String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
      send.messageGroupId(group != null ? group : "unreadable")
          .messageDeduplicationId(message.messageId());
    }
    sqs.sendMessage(send.build());
    log.error(
        "SQS intake: moved unreadable message {} to {} ({}): {}",
        message.messageId(),
        deadLetterUrl,
        reason,
        shown);
  }

  /** Messages deleted from the queue (done with) since start. */
  long deleted() {
    return deleted.get();
  }

  void delete(List<Message> messages) {
    if (messages.isEmpty()) return;
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(messages.get(i).receiptHandle())
              .build());
    }
    var response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
    deleted.addAndGet(response.successful().size());
    response
        .failed()
        .forEach(
            f ->
                log.warn(
                    "SQS intake: could not delete message {}: {}",
                    messages.get(Integer.parseInt(f.id())).messageId(),
                    f.message()));
  }

  /** Messages received while stopping go straight back to the queue. */
  void handBack(List<Message> messages) {
    for (Message m : messages) {
      try {
        sqs.changeMessageVisibility(
            b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
      } catch (RuntimeException e) {
        log.debug("SQS intake: could not hand back {}: {}", m.messageId(), e.getMessage());
      }
    }
  }
}
